import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  Clock,
  ContentType,
  DocumentPatch,
  DocumentRecord,
  DocumentRepository,
  DocumentStatus,
  Page,
  PageRequest,
  ProcessingStage,
  StaleDocumentsQuery,
} from '@docent/domain';
import { DocentError, systemClock } from '@docent/domain';
import { checkLimit, decodeCursor, readKeysetPage, toPage } from './page-cursor.ts';
import { isConstraintViolation } from './sqlite-errors.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

interface DocumentRow {
  owner_id: string;
  id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_key: string;
  status: string;
  progress_stage: string;
  progress_done: number;
  progress_total: number;
  progress_eta_seconds: number | null;
  error_code: string | null;
  error_message: string | null;
  uploaded_at: string;
  uploaded_ms: number;
  ready_at: string | null;
  page_count: number | null;
  chunk_count: number | null;
  changed_ms: number;
  sweeps: number;
}

const toRecord = (row: DocumentRow): DocumentRecord => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  contentType: row.content_type as ContentType,
  size: row.size,
  sha256: row.sha256,
  blobKey: row.blob_key,
  status: row.status as DocumentStatus,
  progress: {
    stage: row.progress_stage as ProcessingStage,
    done: row.progress_done,
    total: row.progress_total,
    ...(row.progress_eta_seconds !== null && { etaSeconds: row.progress_eta_seconds }),
  },
  ...(row.error_code !== null && { error: { code: row.error_code, message: row.error_message ?? '' } }),
  uploadedAt: row.uploaded_at,
  ...(row.ready_at !== null && { readyAt: row.ready_at }),
  ...(row.page_count !== null && { pageCount: row.page_count }),
  ...(row.chunk_count !== null && { chunkCount: row.chunk_count }),
  ...(row.sweeps > 0 && { sweeps: row.sweeps }),
});

const toParams = (d: DocumentRecord, changedMs: number) => ({
  owner_id: d.ownerId,
  id: d.id,
  name: d.name,
  content_type: d.contentType,
  size: d.size,
  sha256: d.sha256,
  blob_key: d.blobKey,
  status: d.status,
  progress_stage: d.progress.stage,
  progress_done: d.progress.done,
  progress_total: d.progress.total,
  progress_eta_seconds: d.progress.etaSeconds ?? null,
  error_code: d.error?.code ?? null,
  error_message: d.error?.message ?? null,
  uploaded_at: d.uploadedAt,
  uploaded_ms: Date.parse(d.uploadedAt),
  ready_at: d.readyAt ?? null,
  page_count: d.pageCount ?? null,
  chunk_count: d.chunkCount ?? null,
  changed_ms: changedMs,
  sweeps: d.sweeps ?? 0,
});

const COLUMNS: ReadonlyArray<keyof ReturnType<typeof toParams>> = [
  'owner_id',
  'id',
  'name',
  'content_type',
  'size',
  'sha256',
  'blob_key',
  'status',
  'progress_stage',
  'progress_done',
  'progress_total',
  'progress_eta_seconds',
  'error_code',
  'error_message',
  'uploaded_at',
  'uploaded_ms',
  'ready_at',
  'page_count',
  'chunk_count',
  'changed_ms',
  'sweeps',
];

/** Document metadata in the `documents` table; every query is keyed by owner. */
/**
 * Documents by id in the order asked (parameters: JSON array of ids, owner). json_each keeps one
 * prepared statement for any number of ids and its `key` the order; CROSS JOIN looks each id up by
 * primary key, where the planner alone scanned the owner's documents once per id.
 */
export const DOCUMENTS_BY_ID_SQL = `SELECT d.* FROM json_each(?) AS ids CROSS JOIN documents AS d ON d.owner_id = ? AND d.id = ids.value
  GROUP BY d.id ORDER BY min(ids.key)`;

export class SqliteDocumentRepository implements DocumentRepository {
  readonly #uow: SqliteUnitOfWork;
  readonly #insert: StatementSync;
  readonly #replace: StatementSync;
  readonly #get: StatementSync;
  readonly #getMany: StatementSync;
  readonly #bySha: StatementSync;
  readonly #firstPage: StatementSync;
  readonly #nextPage: StatementSync;
  readonly #delete: StatementSync;
  readonly #count: StatementSync;
  readonly #firstStale: StatementSync;
  readonly #nextStale: StatementSync;
  readonly #clock: Clock;

  /** `clock` dates every change, for `listStale` (default: the system clock). */
  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, clock: Clock = systemClock) {
    this.#uow = uow;
    this.#clock = clock;
    const values = COLUMNS.map((column) => `:${column}`).join(', ');
    this.#insert = db.prepare(`INSERT INTO documents (${COLUMNS.join(', ')}) VALUES (${values})`);
    this.#replace = db.prepare(`REPLACE INTO documents (${COLUMNS.join(', ')}) VALUES (${values})`);
    this.#get = db.prepare('SELECT * FROM documents WHERE owner_id = ? AND id = ?');
    this.#getMany = db.prepare(DOCUMENTS_BY_ID_SQL);
    this.#bySha = db.prepare('SELECT * FROM documents WHERE owner_id = ? AND sha256 = ?');
    this.#firstPage = db.prepare(
      'SELECT * FROM documents WHERE owner_id = ? ORDER BY uploaded_ms DESC, id DESC LIMIT ?',
    );
    this.#nextPage = db.prepare(
      `SELECT * FROM documents WHERE owner_id = ? AND (uploaded_ms, id) < (?, ?)
       ORDER BY uploaded_ms DESC, id DESC LIMIT ?`,
    );
    this.#delete = db.prepare('DELETE FROM documents WHERE owner_id = ? AND id = ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM documents WHERE owner_id = ?');
    this.#firstStale = db.prepare(
      'SELECT * FROM documents WHERE status = ? AND changed_ms < ? ORDER BY changed_ms, id LIMIT ?',
    );
    this.#nextStale = db.prepare(
      `SELECT * FROM documents WHERE status = ? AND changed_ms < ? AND (changed_ms, id) > (?, ?)
       ORDER BY changed_ms, id LIMIT ?`,
    );
  }

  /** Stores a new document; `conflict` when the owner already has its id or its sha256. */
  async create(document: DocumentRecord): Promise<void> {
    if (Number.isNaN(Date.parse(document.uploadedAt))) {
      throw new DocentError('validation_failed', 'uploadedAt must be an ISO-8601 timestamp');
    }
    await this.#uow.write(() => {
      try {
        this.#insert.run(toParams(document, this.#clock.now().getTime()));
      } catch (error) {
        if (!isConstraintViolation(error)) throw error;
        throw new DocentError('conflict', 'The owner already has this document', { cause: error });
      }
    });
  }

  /** The owner's document, or null. */
  async get(ownerId: string, documentId: string): Promise<DocumentRecord | null> {
    const row = await this.#uow.read(() => this.#get.get(ownerId, documentId) as DocumentRow | undefined);
    return row === undefined ? null : toRecord(row);
  }

  /** The owner's documents among `documentIds`, in the order asked. */
  async getMany(ownerId: string, documentIds: readonly string[]): Promise<DocumentRecord[]> {
    const rows = await this.#uow.read(
      () => this.#getMany.all(JSON.stringify(documentIds), ownerId) as unknown as DocumentRow[],
    );
    return rows.map(toRecord);
  }

  /** The owner's document with these bytes, or null. */
  async findBySha256(ownerId: string, sha256: string): Promise<DocumentRecord | null> {
    const row = await this.#uow.read(() => this.#bySha.get(ownerId, sha256) as DocumentRow | undefined);
    return row === undefined ? null : toRecord(row);
  }

  /** Newest upload first, ties by id descending; the cursor is the last item's position. */
  async list(ownerId: string, page: PageRequest): Promise<Page<DocumentRecord>> {
    return readKeysetPage(
      (statements) => this.#uow.read(statements),
      { first: this.#firstPage, next: this.#nextPage },
      ownerId,
      page,
      (row: DocumentRow) => ({ ms: row.uploaded_ms, id: row.id }),
      toRecord,
    );
  }

  /** Applies the patch in one write; null when the document is gone. */
  async update(ownerId: string, documentId: string, patch: DocumentPatch): Promise<DocumentRecord | null> {
    return this.#uow.write(() => {
      const row = this.#get.get(ownerId, documentId) as DocumentRow | undefined;
      if (row === undefined) return null;
      const { error, ...rest } = patch;
      const current = toRecord(row);
      const next: DocumentRecord = { ...current, ...stripUndefined(rest) };
      if (error === null) delete next.error;
      else if (error !== undefined) next.error = error;
      if (next.sweeps === 0) delete next.sweeps;
      this.#replace.run(toParams(next, this.#clock.now().getTime()));
      return next;
    });
  }

  /** Removes the document's metadata; false when there was none. */
  async delete(ownerId: string, documentId: string): Promise<boolean> {
    const result = await this.#uow.write(() => this.#delete.run(ownerId, documentId));
    return result.changes > 0;
  }

  /** How many documents the owner has. */
  async count(ownerId: string): Promise<number> {
    const row = await this.#uow.read(() => this.#count.get(ownerId) as { n: number });
    return row.n;
  }

  /** Least recently changed first, from the (status, changed_ms, id) index. */
  async listStale(query: StaleDocumentsQuery): Promise<Page<DocumentRecord>> {
    const limit = checkLimit(query.limit);
    const beforeMs = Date.parse(query.changedBefore);
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const rows = await this.#uow.read(
      () =>
        (after === null
          ? this.#firstStale.all(query.status, beforeMs, limit + 1)
          : this.#nextStale.all(query.status, beforeMs, after.ms, after.id, limit + 1)) as unknown as DocumentRow[],
    );
    return toPage(rows, limit, (row) => ({ ms: row.changed_ms, id: row.id }), toRecord);
  }
}

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
