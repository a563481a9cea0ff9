import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoFaultServer, dynamoError, startDynamoFaultServer } from '../../test-support/dynamo-fault-server.ts';
import { batchWriteAll } from './dynamo-batch-write.ts';

let server: DynamoFaultServer;
let client: DynamoDBDocumentClient;
beforeAll(async () => {
  server = await startDynamoFaultServer();
  client = DynamoDBDocumentClient.from(server.client);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const puts = (n: number) => Array.from({ length: n }, (_, i) => ({ put: { pk: `p${i}`, sk: 's' } }));
const unprocessed = (...pks: string[]) => ({
  status: 200,
  body: { UnprocessedItems: { lex: pks.map((pk) => ({ PutRequest: { Item: { pk: { S: pk }, sk: { S: 's' } } } })) } },
});
const done = { status: 200, body: { UnprocessedItems: {} } };
type SentWrites = Record<string, { PutRequest: { Item: { pk: { S: string } } } }[]>;
const sentKeys = (i: number): string[] =>
  ((server.requests[i]?.body.RequestItems ?? {}) as SentWrites).lex?.map((write) => write.PutRequest.Item.pk.S) ?? [];

describe('batchWriteAll', () => {
  it('sends 25 writes per request and re-sends only what DynamoDB left unprocessed', async () => {
    server.script(unprocessed('p3', 'p7'), done, done);
    await batchWriteAll(client, 'lex', puts(30), { concurrency: 1, baseDelayMs: 1 });
    expect(server.requests.map((request) => request.operation)).toEqual(Array(3).fill('BatchWriteItem'));
    expect(sentKeys(0)).toHaveLength(25);
    expect(sentKeys(1)).toEqual(['p3', 'p7']);
    expect(sentKeys(2)).toHaveLength(5);
  });

  it('gives up with a retryable unavailable after its rounds, and passes errors through', async () => {
    server.script(unprocessed('p0'), unprocessed('p0'), unprocessed('p0'));
    await expect(batchWriteAll(client, 'lex', puts(1), { rounds: 3, baseDelayMs: 1 })).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
      details: { operation: 'BatchWriteItem', unprocessedItems: 1 },
    });
    expect(server.requests).toHaveLength(3);
    server.script(dynamoError(400, 'ValidationException'));
    await expect(batchWriteAll(client, 'lex', puts(1))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('sends nothing for no writes', async () => {
    await batchWriteAll(client, 'lex', []);
    expect(server.requests).toEqual([]);
  });
});
