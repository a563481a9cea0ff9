import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DocentError } from '@docent/domain';
import type { DynamoItem } from './dynamo-page.ts';

/** BatchGetItem's limit on keys per request. */
const BATCH_GET_MAX_KEYS = 100;
/** Rounds of re-asking for keys DynamoDB left unprocessed (it does so under throttling) before giving up. */
const BATCH_GET_ROUNDS = 6;
const BATCH_GET_BASE_DELAY_MS = 25;

/**
 * The document client the adapters use over a caller's `DynamoDBClient` (which keeps its region,
 * credentials, endpoint and retry settings). Undefined values inside maps (an optional field a caller
 * set to `undefined`) are dropped rather than refused, as a JSON round trip would.
 */
export const toDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads of many items of one table, 100 keys per request, asking again (with exponential backoff, as
 * AWS advises) for the keys DynamoDB returns unprocessed. Strongly consistent unless `consistentRead`
 * is false (half the read units). Missing items are simply absent from the result; its order is
 * DynamoDB's, not the keys'.
 */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly DynamoItem[],
  consistentRead = true,
): Promise<DynamoItem[]> => {
  const items: DynamoItem[] = [];
  for (let offset = 0; offset < keys.length; offset += BATCH_GET_MAX_KEYS) {
    let pending: DynamoItem[] = keys.slice(offset, offset + BATCH_GET_MAX_KEYS);
    for (let round = 0; pending.length > 0; round++) {
      if (round === BATCH_GET_ROUNDS) {
        throw new DocentError('unavailable', 'The database is busy; try again shortly', {
          retryable: true,
          details: { operation: 'BatchGetItem', unprocessedKeys: pending.length },
        });
      }
      if (round > 0) await sleep(BATCH_GET_BASE_DELAY_MS * 2 ** round);
      const output = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistentRead } } }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
};
