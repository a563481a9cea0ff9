import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DocentError } from '@docent/domain';
import { backoffDelay, sleep } from '@docent/retry';
import { mapLimited } from '../s3/map-limited.ts';
import type { DynamoItem } from './dynamo-page.ts';

/** One write of a BatchWriteItem: an item to put, or the key of an item to delete. */
export type BatchWrite = { put: DynamoItem } | { delete: DynamoItem };

/** How `batchWriteAll` spreads and retries its requests. */
export interface BatchWriteOptions {
  /** BatchWriteItem requests in flight at once (default 4). */
  concurrency?: number;
  /** Rounds of re-sending unprocessed items before giving up (default 8). */
  rounds?: number;
  /** First backoff wait in milliseconds, doubled per round, with jitter (default 25). */
  baseDelayMs?: number;
}

/** BatchWriteItem's limit on writes per request. */
const BATCH_WRITE_MAX_ITEMS = 25;

const toRequest = (write: BatchWrite) =>
  'put' in write ? { PutRequest: { Item: write.put } } : { DeleteRequest: { Key: write.delete } };

/**
 * Writes `writes` with BatchWriteItem, 25 per request, `concurrency` requests at a time, re-sending
 * what DynamoDB returns as `UnprocessedItems` (it does so under throttling) after an exponential
 * backoff with jitter, as AWS advises; still unprocessed after `rounds` is a retryable `unavailable`.
 * One request must not hold two writes of the same key (DynamoDB refuses it): callers pass distinct
 * keys. Writes are unordered: callers that need an order await one call before the next.
 */
export const batchWriteAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  writes: readonly BatchWrite[],
  options: BatchWriteOptions = {},
): Promise<void> => {
  const rounds = options.rounds ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 25;
  const batches: BatchWrite[][] = [];
  for (let offset = 0; offset < writes.length; offset += BATCH_WRITE_MAX_ITEMS) {
    batches.push(writes.slice(offset, offset + BATCH_WRITE_MAX_ITEMS));
  }
  await mapLimited(batches, options.concurrency ?? 4, async (batch) => {
    let pending = batch.map(toRequest);
    for (let round = 0; pending.length > 0; round++) {
      if (round === rounds) {
        throw new DocentError('unavailable', 'The database is busy; try again shortly', {
          retryable: true,
          details: { operation: 'BatchWriteItem', unprocessedItems: pending.length },
        });
      }
      if (round > 0) await sleep(backoffDelay(round - 1, baseDelayMs));
      const output = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
};
