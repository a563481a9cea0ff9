import type { VectorEntry } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAossSignature, testClient } from '../../test-support/opensearch-test-client.ts';
import { readOpenSearchFixture } from '../../test-support/opensearch-test-replies.ts';
import { type OpenSearchTestServer, startOpenSearchTestServer } from '../../test-support/opensearch-test-server.ts';
import { OpenSearchVectorIndex } from './opensearch-vector-index.ts';

const INDEX = 'docent-vectors-test';

let server: OpenSearchTestServer;
beforeEach(async () => {
  server = await startOpenSearchTestServer();
});
afterEach(async () => {
  await server.close();
});

const vectorIndex = () => new OpenSearchVectorIndex({ client: testClient(server), index: INDEX, dimensions: 4 });

const entry = (chunkId: string, vector: number[], entryId?: string): VectorEntry => ({
  chunkId,
  documentId: 'doc-1',
  ownerId: 'user-1',
  vector: new Float32Array(vector),
  ...(entryId === undefined ? {} : { entryId }),
});

/** The score OpenSearch gives a Faiss inner product p (documented for the `innerproduct` space). */
const faissScore = (p: number): number => (p > 0 ? p + 1 : 1 / (1 - p));

describe('OpenSearchVectorIndex.upsert', () => {
  it('stores unit-length vectors under their entry id (the chunk id by default), replacing earlier ones', async () => {
    server.script(
      { kind: 'hits', hits: [{ id: 'old-e1', source: { entryId: 'e1' }, sort: ['w1'] }] },
      { kind: 'bulk' },
      { kind: 'bulk' },
    );
    await vectorIndex().upsert([entry('c1', [3, 0, 4, 0], 'e1'), entry('c2', [0, 0, 0, 0])]);
    expect(server.requests[0]?.body).toEqual({
      size: 1000,
      _source: ['entryId'],
      query: { bool: { filter: [{ term: { kind: 'vector' } }, { terms: { entryId: ['e1', 'c2'] } }] } },
      sort: [{ writeId: 'asc' }],
    });
    const common = { kind: 'vector', userId: 'user-1', documentId: 'doc-1', writeId: expect.any(String) };
    expect(server.requests[1]?.body).toEqual([
      { index: { _index: INDEX } },
      { ...common, chunkId: 'c1', entryId: 'e1', embedding: [0.6, 0, 0.8, 0] },
      { index: { _index: INDEX } },
      { ...common, chunkId: 'c2', entryId: 'c2', embedding: [0, 0, 0, 0] },
    ]);
    expect(server.requests[2]?.body).toEqual([{ delete: { _index: INDEX, _id: 'old-e1' } }]);
    for (const request of server.requests) expectAossSignature(request);
  });

  it('rejects a vector of the wrong dimension before sending anything', async () => {
    await expectDocentError(
      vectorIndex().upsert([entry('c1', [1, 0, 0, 0]), entry('c2', [1, 0])]),
      'validation_failed',
    );
    await expectDocentError(
      vectorIndex().search({ ownerId: 'user-1', vector: new Float32Array(5), limit: 1 }),
      'validation_failed',
    );
    expect(server.requests).toEqual([]);
  });
});

describe('OpenSearchVectorIndex.search', () => {
  it("sends a k-NN query over-fetching vectors, filtered inside the search to the owner's documents", async () => {
    server.script({ kind: 'hits', hits: [] });
    await vectorIndex().search({
      ownerId: 'user-1',
      vector: new Float32Array([0, 2, 0, 0]),
      documentIds: ['d1', 'd2'],
      limit: 3,
    });
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([['POST', `/${INDEX}/_search`]]);
    expect(server.requests[0]?.body).toEqual({
      size: 12,
      _source: ['chunkId', 'documentId'],
      query: {
        knn: {
          embedding: {
            vector: [0, 1, 0, 0],
            k: 12,
            filter: {
              bool: {
                filter: [
                  { term: { kind: 'vector' } },
                  { term: { userId: 'user-1' } },
                  { terms: { documentId: ['d1', 'd2'] } },
                ],
              },
            },
          },
        },
      },
    });
    expectAossSignature(server.requests[0] as (typeof server.requests)[number]);
  });

  it('turns scores back into cosine similarity and scores each chunk by its nearest vector', async () => {
    const hit = (chunkId: string, cosine: number) => ({
      source: { chunkId, documentId: 'doc-1' },
      score: faissScore(cosine),
    });
    const hits = [hit('a', 1), hit('b', 0.5), hit('a', 0.2), hit('c', 0), hit('d', -0.5)];
    server.script({ kind: 'hits', hits }, { kind: 'hits', hits });
    const query = { ownerId: 'user-1', vector: new Float32Array([1, 0, 0, 0]) };
    const top = await vectorIndex().search({ ...query, limit: 2 });
    expect(top.map((h) => h.chunkId)).toEqual(['a', 'b']);
    expect(top[0]?.score).toBeCloseTo(1, 6);
    expect(top[1]?.score).toBeCloseTo(0.5, 6);
    const all = await vectorIndex().search({ ...query, limit: 10 });
    expect(all.map((h) => [h.chunkId, Number(h.score.toFixed(6))])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', 0],
      ['d', -0.5],
    ]);
  });

  it('reads the recorded k-NN answer: scores below 1 are negative cosines, and hits need chunk ids', async () => {
    const recorded = readOpenSearchFixture('opensearch-knn-search-response.docs.json') as {
      hits: { hits: Array<{ _score: number; _source: object }> };
    };
    const withChunks = {
      ...recorded,
      hits: {
        ...recorded.hits,
        hits: recorded.hits.hits.map((hit, i) => ({ ...hit, _source: { chunkId: `c${i}`, documentId: 'd' } })),
      },
    };
    server.script({ kind: 'json', status: 200, body: withChunks }, { kind: 'json', status: 200, body: recorded });
    const query = { ownerId: 'user-1', vector: new Float32Array([1, 0, 0, 0]), limit: 3 };
    const hits = await vectorIndex().search(query);
    // 0.952381 = 1 / (1 - p) for p = -0.05.
    expect(hits.map((h) => [h.chunkId, Number(h.score.toFixed(4))])).toEqual([
      ['c0', -0.05],
      ['c1', -0.2],
      ['c2', -0.37],
    ]);
    await expectDocentError(vectorIndex().search(query), 'internal_error');
  });
});

describe('OpenSearchVectorIndex.deleteDocument', () => {
  it("finds the document's vector entries and bulk-deletes them", async () => {
    server.script({ kind: 'hits', hits: [{ id: 'v1', source: { entryId: 'e1' }, sort: ['w1'] }] }, { kind: 'bulk' });
    await vectorIndex().deleteDocument('user-1', 'doc-1');
    expect(server.requests[0]?.body).toMatchObject({
      _source: ['entryId'],
      query: {
        bool: {
          filter: [{ term: { kind: 'vector' } }, { term: { userId: 'user-1' } }, { terms: { documentId: ['doc-1'] } }],
        },
      },
    });
    expect(server.requests[1]?.body).toEqual([{ delete: { _index: INDEX, _id: 'v1' } }]);
  });
});
