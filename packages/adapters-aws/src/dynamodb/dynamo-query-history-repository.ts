import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry, Page, PageRequest, QueryHistoryRepository, UsageTotals } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { toDocumentClient } from './dynamo-client.ts';
import { isConditionalCheckFailed, withDynamoErrors } from './dynamo-errors.ts';
import { checkLimit, type DynamoItem, queryUpTo, readNewestFirstPage } from './dynamo-page.ts';
import { QUERY_HISTORY_INDEXES } from './dynamo-schema.ts';
import { toHistoryEntry, toHistoryItem, userConversationId } from './history-item.ts';

/** Where the history lives. */
export interface DynamoQueryHistoryRepositoryOptions {
  /** A configured client (region, credentials, endpoint, retries); the repository never destroys it. */
  client: DynamoDBClient;
  /** The QueryHistory table, created from `QUERY_HISTORY_TABLE_KEYS`. */
  tableName: string;
}

/** How many redaction writes run at once: enough to finish a long history quickly, few enough not to throttle. */
const REDACT_CONCURRENCY = 8;

/**
 * Asked questions in the QueryHistory table (see `QUERY_HISTORY_TABLE_KEYS`): one partition per owner,
 * sorted by `askedAtId`, so `list` reads newest first straight off the table (strongly consistent reads
 * are not needed there: a just-added entry shows on the owner's next page load). Conversations come from
 * the sparse conversation index.
 */
export class DynamoQueryHistoryRepository implements QueryHistoryRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoQueryHistoryRepositoryOptions) {
    this.#client = toDocumentClient(options.client);
    this.#table = options.tableName;
  }

  /** Writes the entry unless its (owner, time, id) key is taken; `conflict` when it is. */
  async add(entry: HistoryEntry): Promise<void> {
    const item = toHistoryItem(entry);
    await withDynamoErrors('add', async () => {
      try {
        await this.#client.send(
          new PutCommand({ TableName: this.#table, Item: item, ConditionExpression: 'attribute_not_exists(userId)' }),
        );
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        throw new DocentError('conflict', `History entry ${entry.id} already exists`, { cause: error });
      }
    });
  }

  /** Newest first, ties by id descending. */
  async list(ownerId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    return withDynamoErrors('list', () =>
      readNewestFirstPage(
        this.#client,
        { tableName: this.#table, partitionKey: { name: 'userId', value: ownerId }, sortKeyName: 'askedAtId' },
        page,
        toHistoryEntry,
        (entry) => ({ time: entry.askedAt, id: entry.id }),
      ),
    );
  }

  /**
   * Finds the owner's entries citing the document (a query of the owner's partition filtered on
   * `citedDocumentIds`: it reads the whole history, but only deleting a document triggers it), then
   * blanks each with an update conditioned on it still citing the document, so concurrent redactions
   * count every entry once.
   */
  async redactDocument(ownerId: string, documentId: string): Promise<number> {
    return withDynamoErrors('redactDocument', async () => {
      const keys: DynamoItem[] = [];
      const pages = paginateQuery(
        { client: this.#client },
        {
          TableName: this.#table,
          KeyConditionExpression: 'userId = :owner',
          FilterExpression: 'contains(citedDocumentIds, :document)',
          ProjectionExpression: 'userId, askedAtId',
          ExpressionAttributeValues: { ':owner': ownerId, ':document': documentId },
        },
      );
      for await (const output of pages) keys.push(...(output.Items ?? []));
      let changed = 0;
      for (let start = 0; start < keys.length; start += REDACT_CONCURRENCY) {
        const results = await Promise.all(
          keys.slice(start, start + REDACT_CONCURRENCY).map((key) => this.#redact(key, documentId)),
        );
        changed += results.filter(Boolean).length;
      }
      return changed;
    });
  }

  /** The newest `limit` turns from the conversation index, returned oldest first. */
  async conversation(ownerId: string, conversationId: string, limit: number): Promise<HistoryEntry[]> {
    checkLimit(limit);
    const items = await withDynamoErrors('conversation', () =>
      queryUpTo(
        this.#client,
        {
          TableName: this.#table,
          IndexName: QUERY_HISTORY_INDEXES.byConversation,
          KeyConditionExpression: 'userConversationId = :conversation',
          ExpressionAttributeValues: { ':conversation': userConversationId(ownerId, conversationId) },
          ScanIndexForward: false,
        },
        limit,
      ),
    );
    return items.reverse().map(toHistoryEntry);
  }

  /**
   * Sums the usage attributes over every entry of the owner: a query of the whole partition that
   * projects only those attributes. Projection trims the response, not the bill: each call costs read
   * units for the owner's entire history (about 0.5 RCU per 4 KB, eventually consistent). Fine for a
   * profile page; a running-totals item would be the next step if histories grow large.
   */
  async usageTotals(ownerId: string): Promise<UsageTotals> {
    return withDynamoErrors('usageTotals', async () => {
      const totals: UsageTotals = { questions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
      const pages = paginateQuery(
        { client: this.#client },
        {
          TableName: this.#table,
          KeyConditionExpression: 'userId = :owner',
          ProjectionExpression: 'inputTokens, outputTokens, costUsd',
          ExpressionAttributeValues: { ':owner': ownerId },
        },
      );
      for await (const output of pages) {
        totals.questions += output.Count ?? 0;
        for (const item of output.Items ?? []) {
          totals.inputTokens += Number(item.inputTokens ?? 0);
          totals.outputTokens += Number(item.outputTokens ?? 0);
          totals.costUsd += Number(item.costUsd ?? 0);
        }
      }
      return totals;
    });
  }

  async #redact(key: DynamoItem, documentId: string): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { userId: key.userId, askedAtId: key.askedAtId },
          UpdateExpression: 'SET #answer = :blank, #citations = :none, #redacted = :yes REMOVE #cited',
          ConditionExpression: 'contains(#cited, :document)',
          ExpressionAttributeNames: {
            '#answer': 'answer',
            '#citations': 'citations',
            '#redacted': 'redacted',
            '#cited': 'citedDocumentIds',
          },
          ExpressionAttributeValues: { ':blank': '', ':none': [], ':yes': true, ':document': documentId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
