import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DocentError } from '@docent/domain';
import { expectDocentError, makeDocument, makeHistoryEntry } from '@docent/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynamoFaultServer, dynamoError, startDynamoFaultServer } from '../../test-support/dynamo-fault-server.ts';
import { toDocumentItem } from './document-item.ts';
import { DynamoDocumentRepository } from './dynamo-document-repository.ts';
import { toDynamoDocentError } from './dynamo-errors.ts';
import { DynamoQueryHistoryRepository } from './dynamo-query-history-repository.ts';

// DynamoDB's JSON attribute values for the plain strings, numbers and maps of a document item.
const toWire = (value: unknown): unknown => {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  return { M: Object.fromEntries(Object.entries(value as object).map(([key, inner]) => [key, toWire(inner)])) };
};
const wireItem = (item: Record<string, unknown>) => (toWire(item) as { M: unknown }).M;

let fault: DynamoFaultServer;
let documents: DynamoDocumentRepository;
beforeAll(async () => {
  fault = await startDynamoFaultServer();
  documents = new DynamoDocumentRepository({ client: fault.client, tableName: 'documents' });
});
afterAll(() => fault.close());
beforeEach(() => {
  fault.requests.length = 0;
});

describe('DynamoDB error mapping', () => {
  it.each([
    [400, 'ProvisionedThroughputExceededException'],
    [400, 'ThrottlingException'],
    [400, 'RequestLimitExceeded'],
    [500, 'InternalServerError'],
    [503, 'ServiceUnavailable'],
  ])('HTTP %i %s becomes retryable unavailable', async (status, name) => {
    fault.script(dynamoError(status, name));
    const error = await expectDocentError(documents.get('owner-1', 'doc-1'), 'unavailable');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ operation: 'get', awsError: name, status });
    expect(fault.requests.map((request) => request.operation)).toEqual(['GetItem']);
  });

  it.each([
    [400, 'ValidationException'],
    [400, 'ResourceNotFoundException'],
    [400, 'AccessDeniedException'],
  ])('HTTP %i %s becomes internal_error, not retryable', async (status, name) => {
    fault.script(dynamoError(status, name));
    const error = await expectDocentError(documents.count('owner-1'), 'internal_error');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ operation: 'count', awsError: name });
  });

  it('maps throttling of the history table too', async () => {
    const history = new DynamoQueryHistoryRepository({ client: fault.client, tableName: 'history' });
    fault.script(dynamoError(400, 'ProvisionedThroughputExceededException'));
    const error = await expectDocentError(history.add(makeHistoryEntry()), 'unavailable');
    expect(error.retryable).toBe(true);
  });

  it('a refused connection becomes retryable unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
    try {
      const repo = new DynamoDocumentRepository({ client, tableName: 'documents' });
      const error = await expectDocentError(repo.get('owner-1', 'doc-1'), 'unavailable');
      expect(error.retryable).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('passes DocentErrors through and maps an unclaimed failed condition to conflict', () => {
    const own = new DocentError('not_found', 'gone');
    expect(toDynamoDocentError(own, 'get')).toBe(own);
    const failed = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(toDynamoDocentError(failed, 'update')).toMatchObject({ code: 'conflict', retryable: false });
  });
});

describe('DynamoDocumentRepository.create failing half-way', () => {
  it('releases its sha256 guard when the document write is throttled', async () => {
    const document = makeDocument();
    fault.script({ status: 200, body: {} }, dynamoError(400, 'ProvisionedThroughputExceededException'), {
      status: 200,
      body: {},
    });
    await expectDocentError(documents.create(document), 'unavailable');
    expect(fault.requests.map((request) => request.operation)).toEqual(['PutItem', 'PutItem', 'DeleteItem']);
    const release = fault.requests[2]?.body;
    expect(release).toMatchObject({
      Key: { userId: { S: document.ownerId }, documentId: { S: `SHA#${document.sha256}` } },
      ConditionExpression: 'holder = :holder',
      ExpressionAttributeValues: { ':holder': { S: document.id } },
    });
  });

  it('reports conflict (and releases the guard) when the document id is taken', async () => {
    fault.script(
      { status: 200, body: {} },
      dynamoError(400, 'ConditionalCheckFailedException', 'The conditional request failed'),
      { status: 200, body: {} },
    );
    await expectDocentError(documents.create(makeDocument()), 'conflict');
    expect(fault.requests.map((request) => request.operation)).toEqual(['PutItem', 'PutItem', 'DeleteItem']);
  });
});

describe('DynamoDocumentRepository.delete freeing the guard', () => {
  it('still reports the deletion when freeing the sha256 guard is throttled', async () => {
    const document = makeDocument();
    fault.script(
      { status: 200, body: { Attributes: wireItem(toDocumentItem(document, new Date())) } },
      dynamoError(400, 'ProvisionedThroughputExceededException'),
    );
    expect(await documents.delete(document.ownerId, document.id)).toBe(true);
    expect(fault.requests.map((request) => request.operation)).toEqual(['DeleteItem', 'DeleteItem']);
    expect(fault.requests[1]?.body).toMatchObject({ Key: { documentId: { S: `SHA#${document.sha256}` } } });
  });
});

describe('DynamoDocumentRepository.getMany and unprocessed keys', () => {
  it('asks again for the keys DynamoDB left unprocessed', async () => {
    const [a, b] = [makeDocument({ ownerId: 'owner-1' }), makeDocument({ ownerId: 'owner-1' })];
    const keyOf = (document: typeof a) => ({ userId: { S: document.ownerId }, documentId: { S: document.id } });
    fault.script(
      {
        status: 200,
        body: {
          Responses: { documents: [wireItem(toDocumentItem(a, new Date()))] },
          UnprocessedKeys: { documents: { Keys: [keyOf(b)], ConsistentRead: true } },
        },
      },
      {
        status: 200,
        body: { Responses: { documents: [wireItem(toDocumentItem(b, new Date()))] }, UnprocessedKeys: {} },
      },
    );
    expect(await documents.getMany('owner-1', [b.id, a.id])).toEqual([b, a]);
    expect(fault.requests.map((request) => request.operation)).toEqual(['BatchGetItem', 'BatchGetItem']);
    expect(fault.requests[1]?.body).toEqual({
      RequestItems: { documents: { Keys: [keyOf(b)], ConsistentRead: true } },
    });
  });

  it('gives up with retryable unavailable when keys stay unprocessed', async () => {
    const key = { userId: { S: 'owner-1' }, documentId: { S: 'doc-1' } };
    const stuck = {
      status: 200,
      body: { Responses: { documents: [] }, UnprocessedKeys: { documents: { Keys: [key] } } },
    };
    fault.script(...Array.from({ length: 6 }, () => stuck));
    const error = await expectDocentError(documents.getMany('owner-1', ['doc-1']), 'unavailable');
    expect(error.retryable).toBe(true);
    expect(fault.requests).toHaveLength(6);
  });
});
