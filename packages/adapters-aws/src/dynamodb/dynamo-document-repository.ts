import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Clock,
  DocumentPatch,
  DocumentRecord,
  DocumentRepository,
  Page,
  PageRequest,
  StaleDocumentsQuery,
} from '@docent/domain';
import { DocentError } from '@docent/domain';
import { isGuardKey, toDocumentItem, toDocumentRecord } from './document-item.ts';
import { batchGetAll, toDocumentClient } from './dynamo-client.ts';
import { isConditionalCheckFailed, withDynamoErrors } from './dynamo-errors.ts';
import { checkLimit, cursorKey, encodeCursor, queryUpTo, readNewestFirstPage, sortableInstant } from './dynamo-page.ts';
import { DOCUMENT_INDEXES } from './dynamo-schema.ts';
import { patchExpression } from './patch-expression.ts';
import { ShaGuards } from './sha-guards.ts';

/** Where the documents live. */
export interface DynamoDocumentRepositoryOptions {
  /** A configured client (region, credentials, endpoint, retries); the repository never destroys it. */
  client: DynamoDBClient;
  /** The Documents table, created from `DOCUMENTS_TABLE_KEYS`. */
  tableName: string;
  /** Dates dedupe guards and every change, for `listStale` (default: the system clock). */
  clock?: Clock;
  /** Age after which a dedupe guard left without its document by a crash is taken over (default 5 min). */
  staleGuardMs?: number;
}

const DEFAULT_STALE_GUARD_MS = 5 * 60_000;
const systemClock: Clock = { now: () => new Date() };

/**
 * Document metadata in the Documents table (see `DOCUMENTS_TABLE_KEYS`), every read and write keyed by
 * owner. Reads by key are strongly consistent; `list` and `count` read the upload-date index, which
 * DynamoDB updates eventually (a document created a moment ago may be missing from them briefly).
 * Per-owner sha256 uniqueness is kept by guard items (`ShaGuards`). `update` is conditional on the
 * document existing, so a late progress write never brings back a deleted document; the port states no
 * expected status, so status changes are not conditioned on the current one.
 */
export class DynamoDocumentRepository implements DocumentRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #guards: ShaGuards;
  readonly #clock: Clock;

  constructor(options: DynamoDocumentRepositoryOptions) {
    this.#client = toDocumentClient(options.client);
    this.#table = options.tableName;
    this.#clock = options.clock ?? systemClock;
    this.#guards = new ShaGuards({
      client: this.#client,
      tableName: options.tableName,
      clock: this.#clock,
      staleAfterMs: options.staleGuardMs ?? DEFAULT_STALE_GUARD_MS,
    });
  }

  /** Claims the sha256, then writes the document if its id is free; `conflict` for either taken. */
  async create(document: DocumentRecord): Promise<void> {
    if (isGuardKey(document.id)) {
      throw new DocentError('validation_failed', 'The document id uses a reserved prefix', {
        details: { field: 'id' },
      });
    }
    const item = toDocumentItem(document, this.#clock.now());
    await withDynamoErrors('create', async () => {
      await this.#guards.claim(document.ownerId, document.sha256, document.id);
      try {
        await this.#client.send(
          new PutCommand({ TableName: this.#table, Item: item, ConditionExpression: 'attribute_not_exists(userId)' }),
        );
      } catch (error) {
        await this.#releaseQuietly(document.ownerId, document.sha256, document.id);
        if (!isConditionalCheckFailed(error)) throw error;
        throw new DocentError('conflict', `A document with id ${document.id} already exists`, { cause: error });
      }
    });
  }

  /** The owner's document, read consistently; null when missing or someone else's. */
  async get(ownerId: string, documentId: string): Promise<DocumentRecord | null> {
    if (isGuardKey(documentId)) return null;
    return withDynamoErrors('get', async () => {
      const output = await this.#client.send(
        new GetCommand({ TableName: this.#table, Key: { userId: ownerId, documentId }, ConsistentRead: true }),
      );
      return output.Item === undefined ? null : toDocumentRecord(output.Item);
    });
  }

  /** The owner's documents among `documentIds`, in the order asked, each once. */
  async getMany(ownerId: string, documentIds: readonly string[]): Promise<DocumentRecord[]> {
    const wanted = [...new Set(documentIds)].filter((id) => !isGuardKey(id));
    if (wanted.length === 0) return [];
    const items = await withDynamoErrors('getMany', () =>
      batchGetAll(
        this.#client,
        this.#table,
        wanted.map((documentId) => ({ userId: ownerId, documentId })),
      ),
    );
    const byId = new Map(items.map((item) => [item.documentId as string, toDocumentRecord(item)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** Follows the owner's guard for `sha256` to its document (two consistent reads). */
  async findBySha256(ownerId: string, sha256: string): Promise<DocumentRecord | null> {
    const holder = await withDynamoErrors('findBySha256', () => this.#guards.holder(ownerId, sha256));
    if (holder === null) return null;
    const document = await this.get(ownerId, holder);
    // A guard outliving its document (a crash mid-delete) must not name a document with other bytes.
    return document?.sha256 === sha256 ? document : null;
  }

  /** Newest upload first, ties by id descending, from the upload-date index. */
  async list(ownerId: string, page: PageRequest): Promise<Page<DocumentRecord>> {
    return withDynamoErrors('list', () =>
      readNewestFirstPage(
        this.#client,
        {
          tableName: this.#table,
          indexName: DOCUMENT_INDEXES.byUploadDate,
          partitionKey: { name: 'userId', value: ownerId },
          sortKeyName: 'uploadedAtId',
        },
        page,
        toDocumentRecord,
        (document) => ({ time: document.uploadedAt, id: document.id }),
      ),
    );
  }

  /** One conditional UpdateItem returning the new record; null when the document does not exist. */
  async update(ownerId: string, documentId: string, patch: DocumentPatch): Promise<DocumentRecord | null> {
    if (isGuardKey(documentId)) return null;
    const expression = patchExpression(patch, { documentId, changedAt: this.#clock.now() });
    if (expression === null) return this.get(ownerId, documentId);
    return withDynamoErrors('update', async () => {
      try {
        const output = await this.#client.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { userId: ownerId, documentId },
            ...expression,
            ConditionExpression: 'attribute_exists(userId)',
            ReturnValues: 'ALL_NEW',
          }),
        );
        return output.Attributes === undefined ? null : toDocumentRecord(output.Attributes);
      } catch (error) {
        if (isConditionalCheckFailed(error)) return null;
        throw error;
      }
    });
  }

  /** Deletes the document, then frees its sha256 (best effort); false when there was no such document. */
  async delete(ownerId: string, documentId: string): Promise<boolean> {
    if (isGuardKey(documentId)) return false;
    return withDynamoErrors('delete', async () => {
      const output = await this.#client.send(
        new DeleteCommand({ TableName: this.#table, Key: { userId: ownerId, documentId }, ReturnValues: 'ALL_OLD' }),
      );
      if (output.Attributes === undefined) return false;
      await this.#releaseQuietly(ownerId, String(output.Attributes.sha256), documentId);
      return true;
    });
  }

  /** Counts the owner's entries of the upload-date index (guards are not in it), page by page. */
  async count(ownerId: string): Promise<number> {
    return withDynamoErrors('count', async () => {
      let total = 0;
      const pages = paginateQuery(
        { client: this.#client },
        {
          TableName: this.#table,
          IndexName: DOCUMENT_INDEXES.byUploadDate,
          KeyConditionExpression: 'userId = :owner',
          ExpressionAttributeValues: { ':owner': ownerId },
          Select: 'COUNT',
        },
      );
      for await (const output of pages) total += output.Count ?? 0;
      return total;
    });
  }

  /**
   * Least recently changed first, from the sparse in-flight index (eventually consistent: a caller
   * acting on a listed document reads it again first). A later page starts at the cursor's key
   * inclusive (a key condition has one range), so that one item is dropped.
   */
  async listStale(query: StaleDocumentsQuery): Promise<Page<DocumentRecord>> {
    const limit = checkLimit(query.limit);
    const before = sortableInstant(query.changedBefore, 'changedBefore');
    const after = query.cursor === undefined ? undefined : cursorKey(query.cursor);
    const items = await withDynamoErrors('listStale', () =>
      queryUpTo(
        this.#client,
        {
          TableName: this.#table,
          IndexName: DOCUMENT_INDEXES.inFlight,
          // `<instant>#<id>` sorts after `<instant>`, so `< :before` keeps changes strictly before it.
          KeyConditionExpression:
            after === undefined
              ? '#status = :status AND #changed < :before'
              : '#status = :status AND #changed BETWEEN :after AND :before',
          ExpressionAttributeNames: { '#status': 'inFlightStatus', '#changed': 'changedAtId' },
          ExpressionAttributeValues: { ':status': query.status, ':before': before, ...(after && { ':after': after }) },
        },
        limit + 2,
      ),
    );
    const later = items.filter((item) => item.changedAtId !== after);
    const kept = later.slice(0, limit);
    const last = kept.at(-1);
    return {
      items: kept.map(toDocumentRecord),
      nextCursor:
        later.length > limit && last !== undefined
          ? encodeCursor({ time: String(last.changedAtId).split('#')[0] ?? '', id: String(last.documentId) })
          : null,
    };
  }

  // Freeing a guard is best effort: one left behind goes stale and is taken over (see `ShaGuards`), and
  // the caller's outcome (the create's own error, a delete that did happen) is what matters to report.
  async #releaseQuietly(ownerId: string, sha256: string, documentId: string): Promise<void> {
    try {
      await this.#guards.release(ownerId, sha256, documentId);
    } catch {
      // Left to the staleness rule.
    }
  }
}
