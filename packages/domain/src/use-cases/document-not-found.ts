import { DocentError } from '../errors.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';

/** The one answer for unknown and foreign documents alike, so ids of others cannot be probed. */
export const documentNotFound = (documentId: string): DocentError =>
  new DocentError('document_not_found', 'No such document.', { details: { documentId } });

/** Checks that the owner has every one of these documents; throws `document_not_found` for the first missing one. */
export const requireDocuments = async (
  documents: DocumentRepository,
  ownerId: string,
  documentIds: readonly string[],
): Promise<void> => {
  const found = await documents.getMany(ownerId, documentIds);
  const missing = documentIds.find((id) => !found.some((d) => d.id === id));
  if (missing !== undefined) throw documentNotFound(missing);
};
