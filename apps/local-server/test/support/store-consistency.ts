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
    return { documents, orphanEntries: orphans.n, chunkOwners };
  } finally {
    db.close();
  }
};
