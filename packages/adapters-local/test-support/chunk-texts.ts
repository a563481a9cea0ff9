import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A chunk's stored text, as the chunk repository keeps it. */
export interface StoredChunkText {
  id: string;
  text: string;
  heading?: string;
}

/**
 * Writes a document's row and its chunks' text into a store's `documents` and `chunks` tables, as
 * ingestion would, for tests and lexical-only bench stores that fill the lexical index directly:
 * the lexical index rescores its candidates from that stored text (`CandidateRescorer`).
 */
export class ChunkTexts {
  readonly #document: StatementSync;
  readonly #chunk: StatementSync;

  constructor(db: DatabaseSync) {
    this.#document = db.prepare(
      `INSERT OR REPLACE INTO documents (owner_id, id, name, content_type, size, sha256, blob_key, status,
         progress_stage, progress_done, progress_total, uploaded_at, uploaded_ms)
       VALUES (?, ?, ?, 'application/pdf', 0, ?, ?, 'ready', 'done', 1, 1, '2026-01-01T00:00:00.000Z', 0)`,
    );
    this.#chunk = db.prepare(
      `INSERT OR REPLACE INTO chunks (owner_id, id, document_id, ordinal, text, char_start, char_end, page, heading)
       VALUES (?, ?, ?, ?, ?, 0, ?, NULL, ?)`,
    );
  }

  /** One document's row (named `name`) and its chunks. */
  write(ownerId: string, documentId: string, name: string, chunks: readonly StoredChunkText[]): void {
    this.#document.run(ownerId, documentId, name, `${ownerId}/${documentId}`, documentId);
    chunks.forEach((chunk, i) => {
      this.#chunk.run(ownerId, chunk.id, documentId, i, chunk.text, chunk.text.length, chunk.heading ?? null);
    });
  }
}
