import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Chunk, ChunkRepository, DocumentText } from '@docent/domain';
import { checkChunksBelong, DocentError } from '@docent/domain';
import { isConstraintViolation } from './sqlite-errors.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

interface ChunkRow {
  owner_id: string;
  id: string;
  document_id: string;
  ordinal: number;
  text: string;
  char_start: number;
  char_end: number;
  page: number | null;
  heading: string | null;
}

interface TextRow {
  text: string;
  pages: string;
  headings: string;
  blocks: string;
}

const toChunk = (row: ChunkRow): Chunk => ({
  id: row.id,
  documentId: row.document_id,
  ownerId: row.owner_id,
  ordinal: row.ordinal,
  text: row.text,
  charStart: row.char_start,
  charEnd: row.char_end,
  ...(row.page !== null && { page: row.page }),
  ...(row.heading !== null && { heading: row.heading }),
});

/**
 * Chunks by id in the order asked (parameters: JSON array of ids, owner). CROSS JOIN fixes the loop
 * order, each id looked up by primary key: left to the planner, a store without statistics yet (new,
 * never closed, so never `PRAGMA optimize`d) scanned all the owner's chunks once per id, which tripled
 * an ask's CPU on a freshly ingested store.
 */
export const CHUNKS_BY_ID_SQL = `SELECT c.* FROM json_each(?) AS ids CROSS JOIN chunks AS c ON c.owner_id = ? AND c.id = ids.value
  GROUP BY c.id ORDER BY min(ids.key)`;

/** Documents' normalised text (`document_texts`) and their chunks (`chunks`), keyed by owner. */
export class SqliteChunkRepository implements ChunkRepository {
  readonly #uow: SqliteUnitOfWork;
  readonly #deleteText: StatementSync;
  readonly #deleteChunks: StatementSync;
  readonly #insertText: StatementSync;
  readonly #insertChunk: StatementSync;
  readonly #getText: StatementSync;
  readonly #getMany: StatementSync;
  readonly #list: StatementSync;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork) {
    this.#uow = uow;
    this.#deleteText = db.prepare('DELETE FROM document_texts WHERE owner_id = ? AND document_id = ?');
    this.#deleteChunks = db.prepare('DELETE FROM chunks WHERE owner_id = ? AND document_id = ?');
    this.#insertText = db.prepare(
      'INSERT INTO document_texts (owner_id, document_id, text, pages, headings, blocks) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertChunk = db.prepare(
      `INSERT INTO chunks (owner_id, id, document_id, ordinal, text, char_start, char_end, page, heading)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#getText = db.prepare(
      'SELECT text, pages, headings, blocks FROM document_texts WHERE owner_id = ? AND document_id = ?',
    );
    this.#getMany = db.prepare(CHUNKS_BY_ID_SQL);
    this.#list = db.prepare('SELECT * FROM chunks WHERE owner_id = ? AND document_id = ? ORDER BY ordinal');
  }

  /** Swaps the document's text and chunks in one transaction. */
  async replaceForDocument(
    ownerId: string,
    documentId: string,
    text: DocumentText,
    chunks: readonly Chunk[],
  ): Promise<void> {
    checkChunksBelong(ownerId, documentId, chunks);
    await this.#uow.write(() => {
      this.#deleteText.run(ownerId, documentId);
      this.#deleteChunks.run(ownerId, documentId);
      this.#insertText.run(
        ownerId,
        documentId,
        text.text,
        JSON.stringify(text.pages),
        JSON.stringify(text.headings),
        JSON.stringify(text.blocks),
      );
      for (const c of chunks) this.#insertOne(ownerId, documentId, c);
    });
  }

  #insertOne(ownerId: string, documentId: string, c: Chunk): void {
    try {
      this.#insertChunk.run(
        ownerId,
        c.id,
        documentId,
        c.ordinal,
        c.text,
        c.charStart,
        c.charEnd,
        c.page ?? null,
        c.heading ?? null,
      );
    } catch (error) {
      if (!isConstraintViolation(error)) throw error;
      throw new DocentError('conflict', `Chunk id ${c.id} is already in use`, { cause: error });
    }
  }

  /** The owner's document text, or null. */
  async getText(ownerId: string, documentId: string): Promise<DocumentText | null> {
    const row = await this.#uow.read(() => this.#getText.get(ownerId, documentId) as TextRow | undefined);
    if (row === undefined) return null;
    return {
      text: row.text,
      pages: JSON.parse(row.pages),
      headings: JSON.parse(row.headings),
      blocks: JSON.parse(row.blocks),
    };
  }

  /** The owner's chunks among `chunkIds`, in the order asked. */
  async getMany(ownerId: string, chunkIds: readonly string[]): Promise<Chunk[]> {
    const rows = await this.#uow.read(
      () => this.#getMany.all(JSON.stringify(chunkIds), ownerId) as unknown as ChunkRow[],
    );
    return rows.map(toChunk);
  }

  /** The document's chunks by ordinal. */
  async listForDocument(ownerId: string, documentId: string): Promise<Chunk[]> {
    const rows = await this.#uow.read(() => this.#list.all(ownerId, documentId) as unknown as ChunkRow[]);
    return rows.map(toChunk);
  }

  /** Removes the document's text and chunks together. */
  async deleteForDocument(ownerId: string, documentId: string): Promise<void> {
    await this.#uow.write(() => {
      this.#deleteText.run(ownerId, documentId);
      this.#deleteChunks.run(ownerId, documentId);
    });
  }
}
