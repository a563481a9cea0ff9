import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Chunk } from '@docent/domain';

/**
 * Writes a synthetic document's row and its chunks' text into the store's `documents` and `chunks`
 * tables, as ingestion would: the lexical index rescores its candidates from that stored text
 * (`CandidateRescorer`), so a lexical-only bench store needs it too.
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
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
  }

  /** One document's row and its chunks (ids `<documentId>-c<i>`, as lexical-build.ts names them). */
  write(ownerId: string, documentId: string, name: string, drafts: readonly Pick<Chunk, 'text' | 'charStart' | 'charEnd' | 'heading'>[]): void {
    this.#document.run(ownerId, documentId, name, documentId, documentId);
    drafts.forEach((draft, i) => {
      this.#chunk.run(
        ownerId,
        `${documentId}-c${i}`,
        documentId,
        i,
        draft.text,
        draft.charStart,
        draft.charEnd,
        draft.heading ?? null,
      );
    });
  }
}
