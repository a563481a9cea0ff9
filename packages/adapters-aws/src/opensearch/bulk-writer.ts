import { setTimeout } from 'node:timers/promises';
import { DocentError } from '@docent/domain';
import type { Client } from '@opensearch-project/opensearch';
import { callOpenSearch, errorCause, isRetryableStatus } from './opensearch-errors.ts';

/** One write, with the id the caller knows it by (a chunk or entry id: AOSS picks the `_id` itself). */
export type BulkOperation =
  | { action: 'index'; key: string; document: object }
  | { action: 'delete'; key: string; id: string };

/** A write OpenSearch refused, by the caller's id. */
export interface BulkFailure {
  key: string;
  status: number;
  type?: string;
  reason?: string;
}

/** How writes are sent. */
export interface BulkOptions {
  /** Operations per `_bulk` request (default 200: AOSS caps a request's size, 200 vectors stay far below). */
  batchSize?: number;
  /** Pause before resending throttled writes, in ms (default 250), so the retry does not meet the same load. */
  retryDelayMs?: number;
}

interface BulkItem {
  status?: number;
  error?: unknown;
}

/**
 * Sends the operations to `POST /_bulk`, `batchSize` at a time, and reads every item of every answer:
 * `_bulk` answers 200 even when some writes failed. Writes refused with a retryable status (429, 5xx)
 * are sent once more; what still fails is returned, so the caller can keep what succeeded and then
 * report the rest (see `bulkFailureError`). Deleting an entry that is already gone (404) succeeds.
 */
export const bulkWrite = async (
  client: Client,
  index: string,
  operations: readonly BulkOperation[],
  options: BulkOptions = {},
): Promise<BulkFailure[]> => {
  const batchSize = options.batchSize ?? 200;
  const failed: BulkFailure[] = [];
  for (let from = 0; from < operations.length; from += batchSize) {
    const batch = operations.slice(from, from + batchSize);
    const first = await sendBatch(client, index, batch);
    const retry = first.filter(({ failure }) => isRetryableStatus(failure.status));
    failed.push(...first.filter(({ failure }) => !isRetryableStatus(failure.status)).map(({ failure }) => failure));
    if (retry.length > 0) {
      await setTimeout(options.retryDelayMs ?? 250);
      const second = await sendBatch(
        client,
        index,
        retry.map(({ operation }) => operation),
      );
      failed.push(...second.map(({ failure }) => failure));
    }
  }
  return failed;
};

/** The error for writes that failed for good: retryable only when every one of them may succeed later. */
export const bulkFailureError = (failures: readonly BulkFailure[], attempted: number): DocentError => {
  const retryable = failures.every((failure) => isRetryableStatus(failure.status));
  const keys = failures.map((failure) => failure.key);
  const [first] = failures;
  const example =
    first === undefined
      ? ''
      : `; first: ${first.type ?? 'error'} (HTTP ${first.status})${first.reason ? `: ${first.reason}` : ''}`;
  return new DocentError(
    retryable ? 'unavailable' : 'internal_error',
    `OpenSearch refused ${failures.length} of ${attempted} writes (${keys.join(', ')})${example}`,
    { retryable, details: { failed: failures.map((failure) => ({ ...failure })) } },
  );
};

const sendBatch = async (
  client: Client,
  index: string,
  batch: readonly BulkOperation[],
): Promise<Array<{ operation: BulkOperation; failure: BulkFailure }>> => {
  const body = batch.flatMap((operation) =>
    operation.action === 'index'
      ? [{ index: { _index: index } }, operation.document]
      : [{ delete: { _index: index, _id: operation.id } }],
  );
  // Without an index in the path the client POSTs to /_bulk, the form AOSS documents.
  const response = await callOpenSearch('bulk write', () => client.bulk({ body }));
  const items = (response.body as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length !== batch.length) {
    throw new DocentError(
      'internal_error',
      `OpenSearch answered a bulk write of ${batch.length} with a malformed body`,
    );
  }
  return batch.flatMap((operation, i) => {
    const item = Object.values((items[i] ?? {}) as Record<string, BulkItem>)[0] ?? {};
    const status = item.status ?? 0;
    const ok = item.error === undefined && ((status >= 200 && status < 300) || isGoneDelete(operation, status));
    return ok ? [] : [{ operation, failure: { key: operation.key, status, ...errorCause(item.error) } }];
  });
};

const isGoneDelete = (operation: BulkOperation, status: number): boolean =>
  operation.action === 'delete' && status === 404;
