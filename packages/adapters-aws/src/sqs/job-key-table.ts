import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DocentError } from '@docent/domain';
import { toDocumentClient } from '../dynamodb/dynamo-client.ts';
import { isConditionalCheckFailed, withDynamoErrors } from '../dynamodb/dynamo-errors.ts';
import { JOBS_TABLE } from '../dynamodb/dynamo-schema.ts';
import { createPartitionKeyTable } from '../dynamodb/dynamo-tables.ts';

/** Where a key's job stands. `dead` frees the key; the others hold it until the item expires. */
export type JobKeyState = 'queued' | 'running' | 'done' | 'dead';

/** What taking a delivered message for a run came to. */
export type TakeOutcome =
  /** This delivery runs the job. */
  | 'started'
  /** The job is done, given up, or its key belongs to a newer job: the message is left over. */
  | 'stale'
  /** Another delivery of the same job is running under a live lease (SQS delivers at least once). */
  | 'busy';

const KEY = JOBS_TABLE.partitionKey.name;
const NAMES = { '#key': KEY, '#state': 'state' };

/**
 * The jobs table: one item per job key, so that enqueueing is idempotent and a message delivered
 * twice runs once. Every change is one conditional write on the key's item; `expiresMs` bounds how
 * long a key is held (DynamoDB's time to live removes the item later, `expiresAt` in seconds).
 */
export class JobKeyTable {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#client = toDocumentClient(options.client);
    this.#table = options.tableName;
  }

  /** Claims `key` for a new job unless a live job holds it; else returns the holder's id. */
  reserve(key: string, jobId: string, nowMs: number, expiresMs: number): Promise<string | null> {
    return withDynamoErrors('reserveJobKey', async () => {
      for (let round = 0; round < 3; round++) {
        try {
          await this.#client.send(
            new PutCommand({
              TableName: this.#table,
              Item: { [KEY]: key, jobId, state: 'queued', expiresMs, expiresAt: Math.ceil(expiresMs / 1000) },
              ConditionExpression: 'attribute_not_exists(#key) OR #state = :dead OR expiresMs <= :now',
              ExpressionAttributeNames: NAMES,
              ExpressionAttributeValues: { ':dead': 'dead', ':now': nowMs },
            }),
          );
          return null;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
        const holder = await this.#get(key);
        // The holder may have died or expired between the put and the read: try again.
        if (holder !== undefined && holder.state !== 'dead' && Number(holder.expiresMs) > nowMs) {
          return String(holder.jobId);
        }
      }
      throw new DocentError('unavailable', 'The job key kept changing while it was reserved; try again shortly.', {
        retryable: true,
        details: { key },
      });
    });
  }

  /** Frees a key whose job could not be sent, unless another job holds it by now. */
  async forget(key: string, jobId: string): Promise<void> {
    await this.#conditional('forgetJobKey', () =>
      this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { [KEY]: key },
          ConditionExpression: 'jobId = :id',
          ExpressionAttributeValues: { ':id': jobId },
        }),
      ),
    );
  }

  /** Marks a delivered job running until `leaseUntilMs`, unless it is stale or already running elsewhere. */
  take(key: string, jobId: string, nowMs: number, leaseUntilMs: number): Promise<TakeOutcome> {
    return withDynamoErrors('takeJob', async () => {
      try {
        await this.#client.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: { [KEY]: key },
            UpdateExpression: 'SET #state = :running, leaseUntilMs = :lease',
            ConditionExpression:
              'jobId = :id AND expiresMs > :now AND (#state = :queued OR (#state = :running AND leaseUntilMs <= :now))',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':id': jobId,
              ':now': nowMs,
              ':lease': leaseUntilMs,
              ':queued': 'queued',
              ':running': 'running',
            },
          }),
        );
        return 'started';
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const item = await this.#get(key);
      return item?.jobId === jobId && item.state === 'running' && Number(item.expiresMs) > nowMs ? 'busy' : 'stale';
    });
  }

  /** Records where the job went (`queued` again, `done`, `dead`), if the key is still this job's. */
  async settle(key: string, jobId: string, state: Exclude<JobKeyState, 'running'>, expiresMs?: number): Promise<void> {
    const expiry = expiresMs === undefined ? '' : ', expiresMs = :expires, expiresAt = :ttl';
    await this.#conditional('settleJob', () =>
      this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { [KEY]: key },
          UpdateExpression: `SET #state = :state${expiry} REMOVE leaseUntilMs`,
          ConditionExpression: 'jobId = :id',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':id': jobId,
            ':state': state,
            ...(expiresMs === undefined ? {} : { ':expires': expiresMs, ':ttl': Math.ceil(expiresMs / 1000) }),
          },
        }),
      ),
    );
  }

  async #get(key: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: { [KEY]: key }, ConsistentRead: true }),
    );
    return Item;
  }

  /** A write conditional on the key still being this job's: if it is not, there is nothing to record. */
  async #conditional(operation: string, write: () => Promise<unknown>): Promise<void> {
    await withDynamoErrors(operation, async () => {
      try {
        await write();
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    });
  }
}

/**
 * Creates a jobs table unless it exists and waits until it is ACTIVE: for tests and local development
 * (the CDK stack creates the deployed one, with time to live on `expiresAt`).
 */
export const createJobsTable = (client: DynamoDBClient, tableName: string): Promise<void> =>
  createPartitionKeyTable(client, tableName, KEY);
