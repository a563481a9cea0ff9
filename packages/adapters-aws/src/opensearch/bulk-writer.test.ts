import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testClient } from '../../test-support/opensearch-test-client.ts';
import { readOpenSearchFixture } from '../../test-support/opensearch-test-replies.ts';
import { type OpenSearchTestServer, startOpenSearchTestServer } from '../../test-support/opensearch-test-server.ts';
import { type BulkOperation, bulkFailureError, bulkWrite } from './bulk-writer.ts';

let server: OpenSearchTestServer;
beforeEach(async () => {
  server = await startOpenSearchTestServer();
});
afterEach(async () => {
  await server.close();
});

const writes = (count: number): BulkOperation[] =>
  Array.from({ length: count }, (_, i) => ({ action: 'index', key: `k${i}`, document: { n: i } }));

describe('bulkWrite', () => {
  it('sends the operations in batches and reports no failure when every item succeeded', async () => {
    server.script({ kind: 'bulk' }, { kind: 'bulk' }, { kind: 'bulk' });
    expect(await bulkWrite(testClient(server), 'idx', writes(5), { batchSize: 2 })).toEqual([]);
    expect(server.requests.map((r) => (r.body as unknown[]).length)).toEqual([4, 4, 2]);
  });

  it('reads a failed item of the recorded error answer and does not retry a 404', async () => {
    server.script({
      kind: 'json',
      status: 200,
      body: readOpenSearchFixture('opensearch-bulk-response-with-error.docs.json'),
    });
    const failed = await bulkWrite(testClient(server), 'idx', writes(1));
    expect(failed).toEqual([
      { key: 'k0', status: 404, type: 'document_missing_exception', reason: '[nonexistent1]: document missing' },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('checks every item even when the answer says errors: false', async () => {
    const recorded = readOpenSearchFixture('opensearch-bulk-response.docs.json') as { items: object[] };
    // The recorded answer has four items, among them a delete of a missing document (404 not_found).
    server.script({ kind: 'json', status: 200, body: recorded });
    const operations: BulkOperation[] = [{ action: 'delete', key: 'gone', id: 'tt2229499' }, ...writes(3)];
    expect(await bulkWrite(testClient(server), 'movies', operations)).toEqual([]);
    server.script({ kind: 'json', status: 200, body: recorded });
    const failed = await bulkWrite(testClient(server), 'movies', writes(4));
    expect(failed).toEqual([{ key: 'k0', status: 404 }]);
  });

  it('rejects an answer whose items do not match the request', async () => {
    server.script({ kind: 'json', status: 200, body: readOpenSearchFixture('opensearch-bulk-response.docs.json') });
    await expect(bulkWrite(testClient(server), 'idx', writes(1))).rejects.toMatchObject({ code: 'internal_error' });
  });
});

describe('bulkFailureError', () => {
  it('is retryable only when every failure is', () => {
    const throttled = { key: 'a', status: 429 };
    expect(bulkFailureError([throttled, { key: 'b', status: 502 }], 5)).toMatchObject({
      code: 'unavailable',
      retryable: true,
      message: 'OpenSearch refused 2 of 5 writes (a, b); first: error (HTTP 429)',
    });
    expect(bulkFailureError([throttled, { key: 'b', status: 400 }], 2)).toMatchObject({
      code: 'internal_error',
      retryable: false,
    });
  });
});
