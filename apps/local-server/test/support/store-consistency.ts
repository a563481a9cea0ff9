import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** What the store holds for one document, read straight from `docent.db`. */
export interface StoredDocument {
  ownerId: string;
  id: string;
  sha256: string;
  status: string;
  errorCode: string | null;
  chunkCount: number | null;
  chunks: number;
  /** Chunks of the document with no lexical entry, and with no vector. */
  chunksWithoutLexical: number;
  chunksWithoutVector: number;
}

/** The store after a run: every document, and index entries that point at no chunk. */
export interface StoreSnapshot {
  documents: StoredDocument[];
  /** Lexical or vector entries whose chunk no longer exists (leftovers of an interrupted run). */
  orphanEntries: number;
  /** Files under `blobs/` that no document points at (uploads cut off before their row was written). */
  orphanBlobs: string[];
  /** Chunk id to its document's owner, id and status, to check what search returned. */
  chunkOwners: Map<string, { ownerId: string; documentId: string; status: string }>;
}

/**
 * Reads the SQLite store of a stopped server (read-only): the tables named here are the local
 * adapters' schema, so this check breaks loudly if that schema changes.
 */
export const readStore = (dataDir: string): StoreSnapshot => {
  const db = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
  try {
    const documents = db
      .prepare(
        `SELECT d.owner_id AS ownerId, d.id, d.sha256, d.status, d.error_code AS errorCode, d.chunk_count AS chunkCount,
           (SELECT count(*) FROM chunks c WHERE c.owner_id = d.owner_id AND c.document_id = d.id) AS chunks,
           (SELECT count(*) FROM chunks c WHERE c.owner_id = d.owner_id AND c.document_id = d.id
              AND NOT EXISTS (SELECT 1 FROM lexical_entries l WHERE l.chunk_id = c.id)) AS chunksWithoutLexical,
           (SELECT count(*) FROM chunks c WHERE c.owner_id = d.owner_id AND c.document_id = d.id
              AND NOT EXISTS (SELECT 1 FROM vector_entries v WHERE v.chunk_id = c.id)) AS chunksWithoutVector
         FROM documents d ORDER BY d.owner_id, d.uploaded_ms`,
      )
      .all() as unknown as StoredDocument[];
    const orphans = db
      .prepare(
        `SELECT (SELECT count(*) FROM lexical_entries l WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = l.chunk_id))
              + (SELECT count(*) FROM vector_entries v WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = v.chunk_id)) AS n`,
      )
      .get() as { n: number };
    const chunkOwners = new Map<string, { ownerId: string; documentId: string; status: string }>();
    const rows = db
      .prepare(
        `SELECT c.id, c.owner_id AS ownerId, c.document_id AS documentId, d.status FROM chunks c
         JOIN documents d ON d.owner_id = c.owner_id AND d.id = c.document_id`,
      )
      .all() as unknown as Array<{ id: string; ownerId: string; documentId: string; status: string }>;
    for (const { id, ...owner } of rows) chunkOwners.set(id, owner);
    const keys = new Set(
      (db.prepare('SELECT blob_key AS key FROM documents').all() as unknown as Array<{ key: string }>).map(
        (r) => r.key,
      ),
    );
    const blobs = path.join(dataDir, 'blobs');
    const orphanBlobs = (readdirSync(blobs, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(blobs, path.join(entry.parentPath, entry.name)))
      .filter((key) => !keys.has(key));
    return { documents, orphanEntries: orphans.n, orphanBlobs, chunkOwners };
  } finally {
    db.close();
  }
};

/**
 * The store's own invariants after processing settled: each document ready (all its chunks counted
 * and in both indexes) or failed with a code and no chunks left; no index entry without its chunk,
 * no blob without its document;
 * and every chunk search returned (`searched`: chunk id to the caller's user id) the caller's, of a
 * ready document. Returns the outcomes (`ready`, `failed:<code>`) with counts and every problem.
 */
export const checkStore = (
  store: StoreSnapshot,
  searched: ReadonlyMap<string, string>,
): { outcomes: Record<string, number>; problems: string[] } => {
  const outcomes: Record<string, number> = {};
  const problems: string[] = [];
  for (const d of store.documents) {
    const outcome = d.status === 'failed' ? `failed:${d.errorCode}` : d.status;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (d.status === 'ready') {
      if (d.chunks === 0 || d.chunkCount !== d.chunks)
        problems.push(`${d.id}: ${d.chunks} chunks, counted ${d.chunkCount}`);
      if (d.chunksWithoutLexical + d.chunksWithoutVector > 0) {
        problems.push(
          `${d.id}: ${d.chunksWithoutLexical} chunks not in the lexical index, ${d.chunksWithoutVector} without a vector`,
        );
      }
    } else if (d.status === 'failed') {
      if (d.errorCode === null) problems.push(`${d.id}: failed without a code`);
      if (d.chunks > 0) problems.push(`${d.id}: failed but keeps ${d.chunks} chunks`);
    } else problems.push(`${d.id}: ended ${d.status}`);
  }
  if (store.orphanEntries > 0) problems.push(`${store.orphanEntries} index entries point at no chunk`);
  if (store.orphanBlobs.length > 0) problems.push(`blobs of no document left: ${store.orphanBlobs.join(', ')}`);
  for (const [chunkId, userId] of searched) {
    const owner = store.chunkOwners.get(chunkId);
    if (owner?.ownerId !== userId || owner.status !== 'ready') {
      problems.push(`search returned chunk ${chunkId}: ${JSON.stringify(owner)}`);
    }
  }
  return { outcomes, problems };
};
