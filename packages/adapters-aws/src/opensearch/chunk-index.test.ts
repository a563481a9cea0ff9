import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAossSignature, testClient } from '../../test-support/opensearch-test-client.ts';
import { type OpenSearchTestServer, startOpenSearchTestServer } from '../../test-support/opensearch-test-server.ts';
import { ensureChunkIndex } from './chunk-index.ts';

let server: OpenSearchTestServer;
beforeEach(async () => {
  server = await startOpenSearchTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('ensureChunkIndex', () => {
  it('creates the index with the chunk mapping when HEAD says it is missing', async () => {
    server.script({ kind: 'json', status: 404 }, { kind: 'json', status: 200, body: { acknowledged: true } });
    await ensureChunkIndex(testClient(server), { dimensions: 1024 });
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['HEAD', '/docent-chunks'],
      ['PUT', '/docent-chunks'],
    ]);
    expect(server.requests[1]?.body).toEqual({
      settings: { index: { knn: true } },
      mappings: {
        dynamic: 'strict',
        properties: {
          kind: { type: 'keyword' },
          userId: { type: 'keyword' },
          documentId: { type: 'keyword' },
          chunkId: { type: 'keyword' },
          entryId: { type: 'keyword' },
          writeId: { type: 'keyword' },
          text: { type: 'text', analyzer: 'whitespace' },
          embedding: {
            type: 'knn_vector',
            dimension: 1024,
            method: {
              name: 'hnsw',
              engine: 'faiss',
              space_type: 'innerproduct',
              parameters: { m: 16, ef_construction: 128 },
            },
          },
        },
      },
    });
    for (const request of server.requests) expectAossSignature(request);
  });

  it('leaves an existing index alone', async () => {
    server.script({ kind: 'json', status: 200 });
    await ensureChunkIndex(testClient(server), { index: 'other-chunks', dimensions: 8 });
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([['HEAD', '/other-chunks']]);
  });

  it('counts losing the creation race as success, but not other refusals', async () => {
    server.script(
      { kind: 'json', status: 404 },
      { kind: 'error', status: 400, type: 'resource_already_exists_exception', reason: 'index already exists' },
      { kind: 'json', status: 404 },
      { kind: 'error', status: 403, type: 'security_exception', reason: 'no permissions for [indices:admin/create]' },
    );
    await ensureChunkIndex(testClient(server), { dimensions: 8 });
    const denied = await expectDocentError(ensureChunkIndex(testClient(server), { dimensions: 8 }), 'internal_error');
    expect(denied).toMatchObject({ retryable: false, details: { status: 403, type: 'security_exception' } });
  });
});
