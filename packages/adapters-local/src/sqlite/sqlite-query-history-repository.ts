import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { HistoryEntry, Page, PageRequest, QueryHistoryRepository } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { readKeysetPage } from './page-cursor.ts';
import { isConstraintViolation } from './sqlite-errors.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

interface HistoryRow {
  owner_id: string;
  id: string;
  question: string;
  answer: string;
  abstained: number;
  citations: string;
  document_ids: string | null;
  asked_at: string;
  asked_ms: number;
  redacted: number;
}

const toEntry = (row: HistoryRow): HistoryEntry => ({
  id: row.id,
  ownerId: row.owner_id,
  question: row.question,
  answer: row.answer,
  abstained: row.abstained === 1,
  citations: JSON.parse(row.citations),
  ...(row.document_ids !== null && { documentIds: JSON.parse(row.document_ids) }),
  askedAt: row.asked_at,
  ...(row.redacted === 1 && { redacted: true }),
});

/** Asked questions in `query_history`, listed newest first per owner. */
export class SqliteQueryHistoryRepository implements QueryHistoryRepository {
  readonly #uow: SqliteUnitOfWork;
  readonly #insert: StatementSync;
  readonly #firstPage: StatementSync;
  readonly #nextPage: StatementSync;
  readonly #redact: StatementSync;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork) {
    this.#uow = uow;
    this.#insert = db.prepare(
      `INSERT INTO query_history
         (owner_id, id, question, answer, abstained, citations, document_ids, asked_at, asked_ms, redacted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#firstPage = db.prepare(
      'SELECT * FROM query_history WHERE owner_id = ? ORDER BY asked_ms DESC, id DESC LIMIT ?',
    );
    this.#nextPage = db.prepare(
      `SELECT * FROM query_history WHERE owner_id = ? AND (asked_ms, id) < (?, ?)
       ORDER BY asked_ms DESC, id DESC LIMIT ?`,
    );
    // Scans one owner's history; citations are few per entry and redaction happens only on delete.
    this.#redact = db.prepare(
      `UPDATE query_history SET answer = '', citations = '[]', redacted = 1
       WHERE owner_id = ? AND EXISTS (
         SELECT 1 FROM json_each(citations) WHERE json_extract(value, '$.documentId') = ?
       )`,
    );
  }

  /** Records one entry; `conflict` when its id is already taken. */
  async add(entry: HistoryEntry): Promise<void> {
    const askedMs = Date.parse(entry.askedAt);
    if (Number.isNaN(askedMs)) throw new DocentError('validation_failed', 'askedAt must be an ISO-8601 timestamp');
    await this.#uow.write(() => {
      try {
        this.#insert.run(
          entry.ownerId,
          entry.id,
          entry.question,
          entry.answer,
          entry.abstained ? 1 : 0,
          JSON.stringify(entry.citations),
          entry.documentIds === undefined ? null : JSON.stringify(entry.documentIds),
          entry.askedAt,
          askedMs,
          entry.redacted === true ? 1 : 0,
        );
      } catch (error) {
        if (!isConstraintViolation(error)) throw error;
        throw new DocentError('conflict', `History entry ${entry.id} already exists`, { cause: error });
      }
    });
  }

  /** Newest first, ties by id descending. */
  async list(ownerId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    return readKeysetPage(
      (statements) => this.#uow.read(statements),
      { first: this.#firstPage, next: this.#nextPage },
      ownerId,
      page,
      (row: HistoryRow) => ({ ms: row.asked_ms, id: row.id }),
      toEntry,
    );
  }

  /** Blanks the answer and citations of every entry of the owner that cites the document. */
  async redactDocument(ownerId: string, documentId: string): Promise<number> {
    const result = await this.#uow.write(() => this.#redact.run(ownerId, documentId));
    return Number(result.changes);
  }
}
