import { DocentError } from '@docent/domain';
import type { DocentClient } from '../client/docent-client.ts';

/**
 * Document ids for references given as ids or file names (`--docs xz.1.txt,0193...`). A name
 * matching no document, or several, is `document_not_found` / `validation_failed` naming it.
 */
export const resolveDocumentIds = async (client: DocentClient, refs: readonly string[]): Promise<string[]> => {
  const documents = await client.listDocuments();
  return refs.map((ref) => {
    if (documents.some((document) => document.id === ref)) return ref;
    const named = documents.filter((document) => document.name === ref);
    if (named.length === 1 && named[0] !== undefined) return named[0].id;
    if (named.length > 1) {
      throw new DocentError('validation_failed', `${named.length} documents are named ${ref}: give its id instead`);
    }
    throw new DocentError('document_not_found', `No document has the id or name ${ref}`);
  });
};
