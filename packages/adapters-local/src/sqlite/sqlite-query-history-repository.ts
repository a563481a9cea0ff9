import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AnswerUsage, HistoryEntry, Page, PageRequest, QueryHistoryRepository, UsageTotals } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { checkLimit, readKeysetPage } from './page-cursor.ts';
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
  conversation_id: string | null;
  standalone_question: string | null;
  usage_model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
}

interface TotalsRow {
  questions: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

// A row has usage exactly when it has a model: `add` writes the four usage columns together.
const toUsage = (model: string, row: HistoryRow): AnswerUsage => ({
  model,
  inputTokens: row.input_tokens ?? 0,
  outputTokens: row.output_tokens ?? 0,
  ...(row.cost_usd !== null && { costUsd: row.cost_usd }),
});

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
  ...(row.conversation_id !== null && { conversationId: row.conversation_id }),
  ...(row.standalone_question !== null && { standaloneQuestion: row.standalone_question }),
  ...(row.usage_model !== null && { usage: toUsage(row.usage_model, row) }),
});

/** Asked questions in `query_history`, listed newest first per owner. */
export class SqliteQueryHistoryRepository implements QueryHistoryRepository {
  readonly #uow: SqliteUnitOfWork;
  readonly #insert: StatementSync;
  readonly #firstPage: StatementSync;
  readonly #nextPage: StatementSync;
  readonly #redact: StatementSync;
  readonly #conversation: StatementSync;
  readonly #totals: StatementSync;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork) {
    this.#uow = uow;
    this.#insert = db.prepare(
      `INSERT INTO query_history
         (owner_id, id, question, answer, abstained, citations, document_ids, asked_at, asked_ms, redacted,
          conversation_id, standalone_question, usage_model, input_tokens, output_tokens, cost_usd)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    // The newest `limit` turns, read backwards along the conversation index, then put oldest first.
    this.#conversation = db.prepare(
      `SELECT * FROM (
         SELECT * FROM query_history WHERE owner_id = ? AND conversation_id = ?
         ORDER BY asked_ms DESC, id DESC LIMIT ?
       ) ORDER BY asked_ms, id`,
    );
    // total() is 0.0 over no known cost, where sum() would be NULL; the sums skip entries without usage.
    this.#totals = db.prepare(
      `SELECT count(*) AS questions,
              coalesce(sum(input_tokens), 0) AS input_tokens,
              coalesce(sum(output_tokens), 0) AS output_tokens,
              total(cost_usd) AS cost_usd
       FROM query_history WHERE owner_id = ?`,
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
          entry.conversationId ?? null,
          entry.standaloneQuestion ?? null,
          entry.usage?.model ?? null,
          entry.usage?.inputTokens ?? null,
          entry.usage?.outputTokens ?? null,
          entry.usage?.costUsd ?? null,
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

  /** The last `limit` turns of the owner's conversation, oldest first; `validation_failed` for a bad limit. */
  async conversation(ownerId: string, conversationId: string, limit: number): Promise<HistoryEntry[]> {
    checkLimit(limit);
    const rows = await this.#uow.read(() => this.#conversation.all(ownerId, conversationId, limit));
    return (rows as unknown as HistoryRow[]).map(toEntry);
  }

  /** One aggregate over the owner's entries, redacted ones included. */
  async usageTotals(ownerId: string): Promise<UsageTotals> {
    const row = (await this.#uow.read(() => this.#totals.get(ownerId))) as unknown as TotalsRow;
    return {
      questions: row.questions,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: row.cost_usd,
    };
  }
}
