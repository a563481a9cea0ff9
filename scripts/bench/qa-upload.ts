import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ApiClient } from '../../apps/local-server/test/support/api-client.ts';

/** A document as `GET /documents` lists it (the fields the bench reads). */
export interface ListedDocument {
  id: string;
  name: string;
  status: string;
  searchable: boolean;
  pageCount?: number;
  chunkCount?: number;
  error?: { code: string };
}

/** One upload of a QA set's `docs/` and how long its documents took. */
export interface QaIngestRun {
  /** The final list: every document `ready` or `failed`. */
  documents: ListedDocument[];
  /** First upload -> every document searchable (or failed). */
  searchableMs: number;
  /** First upload -> every document `ready` (or failed). */
  readyMs: number;
}

// Often enough that a document becoming searchable in about a second is timed to a tenth of one.
const POLL_MS = 100;

/** True once processing ended: `ready` or `failed`. */
export const isFinal = (d: ListedDocument): boolean => d.status === 'ready' || d.status === 'failed';

/** Every document of the signed-in user, page by page. */
export const listDocuments = async (api: ApiClient): Promise<ListedDocument[]> => {
  const documents: ListedDocument[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const { status, json } = await api.request('GET', `/documents?limit=100${query}`);
    if (status !== 200) throw new Error(`GET /documents answered ${status}`);
    documents.push(...json.documents);
    cursor = json.nextCursor ?? null;
  } while (cursor !== null);
  return documents;
};

/**
 * Uploads every file of `qaDir/docs` (sorted by name, one after the other, as a user would) and
 * polls the list until all are final; throws when `timeoutMs` passes first.
 */
export const uploadQaSet = async (api: ApiClient, qaDir: string, timeoutMs: number): Promise<QaIngestRun> => {
  const files = (await readdir(path.join(qaDir, 'docs'))).sort();
  const started = performance.now();
  for (const file of files) {
    const { status } = await api.upload(path.join(qaDir, 'docs', file));
    if (status !== 202) throw new Error(`upload of ${file} answered ${status}`);
  }
  let searchableMs: number | undefined;
  for (;;) {
    const documents = await listDocuments(api);
    const elapsed = performance.now() - started;
    if (searchableMs === undefined && documents.every((d) => d.searchable || isFinal(d))) searchableMs = elapsed;
    if (documents.every(isFinal)) return { documents, searchableMs: searchableMs ?? elapsed, readyMs: elapsed };
    if (elapsed > timeoutMs) throw new Error(`still processing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};
