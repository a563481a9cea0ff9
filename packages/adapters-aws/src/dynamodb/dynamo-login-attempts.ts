import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DocentError, type FailedAttempts, type LoginAttempts } from '@docent/domain';
import { toDocumentClient } from './dynamo-client.ts';
import { isConditionalCheckFailed, withDynamoErrors } from './dynamo-errors.ts';
import { LOGIN_ATTEMPTS_TABLE } from './dynamo-schema.ts';
import { createPartitionKeyTable } from './dynamo-tables.ts';

/** Where the counters live. */
export interface DynamoLoginAttemptsOptions {
  /** A configured client (region, credentials, endpoint, retries); never destroyed here. */
  client: DynamoDBClient;
  /** The LoginAttempts table (see `LOGIN_ATTEMPTS_TABLE`). */
  tableName: string;
}

const KEY = LOGIN_ATTEMPTS_TABLE.partitionKey.name;
// A count and a fresh start can race only when two first failures of one key meet: a few rounds settle it.
const MAX_ROUNDS = 4;

const toRecord = (item: Record<string, unknown> | undefined, nowMs: number): FailedAttempts | null =>
  item === undefined || Number(item.expiresMs) <= nowMs
    ? null
    : { failures: Number(item.failures), lastFailureMs: Number(item.lastFailureMs) };

/**
 * Failed sign-in counters in a DynamoDB table, shared by every Lambda instance. A failure is one
 * conditional UpdateItem that adds to a live item and returns it as it was; when there is none (or
 * it expired), a conditional PutItem starts it over at one. Both are atomic, so concurrent failures
 * on any instance each count once.
 */
export class DynamoLoginAttempts implements LoginAttempts {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: DynamoLoginAttemptsOptions) {
    this.#client = toDocumentClient(options.client);
    this.#table = options.tableName;
  }

  get(key: string, nowMs: number): Promise<FailedAttempts | null> {
    return withDynamoErrors('getLoginAttempts', async () => {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#table, Key: { [KEY]: key }, ConsistentRead: true }),
      );
      return toRecord(Item, nowMs);
    });
  }

  recordFailure(key: string, nowMs: number, expiresMs: number): Promise<FailedAttempts | null> {
    return withDynamoErrors('recordLoginFailure', async () => {
      const values = { ':now': nowMs, ':expires': expiresMs, ':ttl': Math.ceil(expiresMs / 1000) };
      for (let round = 0; round < MAX_ROUNDS; round++) {
        try {
          const { Attributes } = await this.#client.send(
            new UpdateCommand({
              TableName: this.#table,
              Key: { [KEY]: key },
              UpdateExpression: 'SET lastFailureMs = :now, expiresMs = :expires, expiresAt = :ttl ADD failures :one',
              ConditionExpression: 'expiresMs > :now',
              ExpressionAttributeValues: { ...values, ':one': 1 },
              ReturnValues: 'ALL_OLD',
            }),
          );
          return toRecord(Attributes, nowMs);
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
        try {
          await this.#client.send(
            new PutCommand({
              TableName: this.#table,
              Item: { [KEY]: key, failures: 1, lastFailureMs: nowMs, expiresMs, expiresAt: values[':ttl'] },
              ConditionExpression: 'attribute_not_exists(#key) OR expiresMs <= :now',
              ExpressionAttributeNames: { '#key': KEY },
              ExpressionAttributeValues: { ':now': nowMs },
            }),
          );
          return null;
        } catch (error) {
          // Another instance started the counter meanwhile: count on top of it.
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }
      throw new DocentError('unavailable', 'Sign-in attempts could not be counted; try again shortly', {
        retryable: true,
      });
    });
  }

  async clear(key: string): Promise<void> {
    await withDynamoErrors('clearLoginAttempts', () =>
      this.#client.send(new DeleteCommand({ TableName: this.#table, Key: { [KEY]: key } })),
    );
  }
}

/**
 * Creates a LoginAttempts table unless it exists and waits until it is ACTIVE: for tests and local
 * development (the CDK stack creates the deployed one, with time to live on `expiresAt`).
 */
export const createLoginAttemptsTable = (client: DynamoDBClient, tableName: string): Promise<void> =>
  createPartitionKeyTable(client, tableName, KEY);
