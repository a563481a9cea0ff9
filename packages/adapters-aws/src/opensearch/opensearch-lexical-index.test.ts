import type { LexicalEntry } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAossSignature, testClient } from '../../test-support/opensearch-test-client.ts';
import { type OpenSearchTestServer, startOpenSearchTestServer } from '../../test-support/opensearch-test-server.ts';
import { OpenSearchLexicalIndex } from './opensearch-lexical-index.ts';

const UUID = expect.stringMatching(/^[0-9a-f-]{36}$/);
const INDEX = 'docent-chunks';

let server: OpenSearchTestServer;
beforeEach(async () => {
  server = await startOpenSearchTestServer();
});
afterEach(async () => {
  await server.close();
});

const lexicalIndex = (batchSize?: number) =>
  new OpenSearchLexicalIndex({ client: testClient(server), bulk: { retryDelayMs: 1, batchSize } });

const entry = (chunkId: string, overrides: Partial<LexicalEntry> = {}): LexicalEntry => ({
  chunkId,
  documentId: 'doc-1',
  ownerId: 'user-1',
  text: 'Use --max-time to limit the transfer',
  documentName: 'curl.1',
  ...overrides,
});

const lookupBody = (chunkIds: string[]) => ({
  size: 1000,
  _source: ['chunkId'],
  query: { bool: { filter: [{ term: { kind: 'lexical' } }, { terms: { chunkId: chunkIds } }] } },
  sort: [{ writeId: 'asc' }],
});

describe('OpenSearchLexicalIndex.add', () => {
  it('looks up earlier entries, then bulk-indexes one signed entry per chunk with the weighted domain terms', async () => {
    server.script({ kind: 'hits', hits: [] }, { kind: 'bulk' });
    await lexicalIndex().add([entry('c1', { heading: 'Timeouts' }), entry('c2', { text: 'CURLE_OPERATION_TIMEDOUT' })]);
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', `/${INDEX}/_search`],
      ['POST', '/_bulk'],
    ]);
    expect(server.requests[0]?.body).toEqual(lookupBody(['c1', 'c2']));
    const common = { kind: 'lexical', userId: 'user-1', documentId: 'doc-1', writeId: UUID };
    expect(server.requests[1]?.body).toEqual([
      { index: { _index: INDEX } },
      {
        ...common,
        chunkId: 'c1',
        text: 'us max-time max time limit transfer timeout curl.1 curl 1 timeout curl.1 curl 1',
      },
      { index: { _index: INDEX } },
      { ...common, chunkId: 'c2', text: 'curle_operation_timedout curl oper timedout curl.1 curl 1 curl.1 curl 1' },
    ]);
    expect(server.requests[1]?.headers['content-type']).toBe('application/x-ndjson');
    for (const request of server.requests) expectAossSignature(request);
  });

  it('deletes the earlier entries of the same chunk ids, by their server-assigned ids, after writing', async () => {
    server.script(
      { kind: 'hits', hits: [{ id: 'old-c1', source: { chunkId: 'c1' }, sort: ['w1'] }] },
      { kind: 'bulk' },
      { kind: 'bulk' },
    );
    await lexicalIndex().add([entry('c1')]);
    expect(server.requests.map((r) => r.path)).toEqual([`/${INDEX}/_search`, '/_bulk', '/_bulk']);
    expect(server.requests[2]?.body).toEqual([{ delete: { _index: INDEX, _id: 'old-c1' } }]);
  });

  it('writes a chunk id given twice in one call once, with its last entry', async () => {
    server.script({ kind: 'hits', hits: [] }, { kind: 'bulk' });
    await lexicalIndex().add([entry('c1', { text: 'alpha' }), entry('c1', { text: 'beta' })]);
    expect(server.requests[0]?.body).toEqual(lookupBody(['c1']));
    expect(server.requests[1]?.body).toEqual([
      { index: { _index: INDEX } },
      expect.objectContaining({ chunkId: 'c1', text: 'beta curl.1 curl 1 curl.1 curl 1' }),
    ]);
  });

  it('retries retryable item failures once, keeps what failed for good and names it in the error', async () => {
    server.script(
      {
        kind: 'hits',
        hits: ['c1', 'c2', 'c3'].map((id, i) => ({ id: `old-${id}`, source: { chunkId: id }, sort: [`w${i}`] })),
      },
      {
        kind: 'bulk',
        outcomes: {
          1: { status: 429, type: 'es_rejected_execution_exception', reason: 'rejected execution' },
          2: { status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [text]' },
        },
      },
      { kind: 'bulk' },
      { kind: 'bulk' },
    );
    const error = await expectDocentError(
      lexicalIndex().add([entry('c1'), entry('c2'), entry('c3')]),
      'internal_error',
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'OpenSearch refused 1 of 3 writes (c3); first: mapper_parsing_exception (HTTP 400): failed to parse field [text]',
    );
    expect(error.details).toEqual({
      failed: [{ key: 'c3', status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [text]' }],
    });
    const retried = server.requests[2]?.body as Array<Record<string, unknown>>;
    expect(retried).toHaveLength(2);
    expect(retried[1]).toMatchObject({ chunkId: 'c2' });
    // The old c3 stays: its replacement was refused.
    expect(server.requests[3]?.body).toEqual([
      { delete: { _index: INDEX, _id: 'old-c1' } },
      { delete: { _index: INDEX, _id: 'old-c2' } },
    ]);
    expect(server.requests).toHaveLength(4);
  });

  it('fails retryable (unavailable) when an item is still throttled after its one retry', async () => {
    const throttled = { status: 429, type: 'es_rejected_execution_exception', reason: 'rejected execution' };
    server.script(
      { kind: 'hits', hits: [{ id: 'old-c1', source: { chunkId: 'c1' }, sort: ['w1'] }] },
      { kind: 'bulk', outcomes: { 0: { ...throttled, status: 503 } } },
      { kind: 'bulk', outcomes: { 0: throttled } },
    );
    const error = await expectDocentError(lexicalIndex().add([entry('c1')]), 'unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('(c1)');
    // Nothing deleted: c1's earlier entry is all there is.
    expect(server.requests).toHaveLength(3);
  });
});

describe('OpenSearchLexicalIndex.search', () => {
  it("runs BM25 over the domain's query terms, filtered to the owner's lexical entries and documents", async () => {
    server.script({ kind: 'hits', hits: [] });
    await lexicalIndex().search({ ownerId: 'user-1', text: 'What does --max-time do?', documentIds: ['d1'], limit: 5 });
    expect(server.requests[0]?.path).toBe(`/${INDEX}/_search`);
    expect(server.requests[0]?.body).toEqual({
      size: 10,
      _source: ['chunkId', 'documentId'],
      query: {
        bool: {
          must: [{ match: { text: { query: 'max-time max time', operator: 'or' } } }],
          filter: [{ term: { kind: 'lexical' } }, { term: { userId: 'user-1' } }, { terms: { documentId: ['d1'] } }],
        },
      },
    });
    expectAossSignature(server.requests[0] as (typeof server.requests)[number]);
  });

  it('turns hits into scored chunks, best first, each chunk once, at most limit', async () => {
    const hit = (chunkId: string, documentId: string, score: number) => ({ source: { chunkId, documentId }, score });
    const hits = [hit('c1', 'd1', 3.5), hit('c2', 'd2', 2.25), hit('c1', 'd1', 1), hit('c3', 'd1', 0.5)];
    server.script({ kind: 'hits', hits }, { kind: 'hits', hits });
    expect(await lexicalIndex().search({ ownerId: 'user-1', text: 'lamp', limit: 2 })).toEqual([
      { chunkId: 'c1', documentId: 'd1', score: 3.5 },
      { chunkId: 'c2', documentId: 'd2', score: 2.25 },
    ]);
    expect((await lexicalIndex().search({ ownerId: 'user-1', text: 'lamp', limit: 3 })).map((h) => h.chunkId)).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
  });

  it('sends nothing for a query without terms, an empty document list or a bad limit', async () => {
    const index = lexicalIndex();
    expect(await index.search({ ownerId: 'user-1', text: 'the and of ?!', limit: 5 })).toEqual([]);
    expect(await index.search({ ownerId: 'user-1', text: 'lamp', documentIds: [], limit: 5 })).toEqual([]);
    await expectDocentError(index.search({ ownerId: 'user-1', text: 'lamp', limit: 0 }), 'validation_failed');
    expect(server.requests).toEqual([]);
  });

  it('maps 429 and 5xx answers to retryable unavailable, and 400 to internal_error', async () => {
    server.script(
      { kind: 'error', status: 429, type: 'too_many_requests', reason: 'Request rate exceeded' },
      { kind: 'error', status: 503, type: 'service_unavailable', reason: 'try later' },
      { kind: 'error', status: 400, type: 'parsing_exception', reason: 'unknown query [knn]' },
    );
    const query = { ownerId: 'user-1', text: 'lamp', limit: 5 };
    const throttled = await expectDocentError(lexicalIndex().search(query), 'unavailable');
    expect(throttled).toMatchObject({ retryable: true, details: { status: 429, type: 'too_many_requests' } });
    expect((await expectDocentError(lexicalIndex().search(query), 'unavailable')).retryable).toBe(true);
    const bad = await expectDocentError(lexicalIndex().search(query), 'internal_error');
    expect(bad).toMatchObject({ retryable: false, details: { status: 400, type: 'parsing_exception' } });
    expect(bad.message).toContain('unknown query [knn]');
  });
});

describe('OpenSearchLexicalIndex.termStatistics', () => {
  it("counts the owner's entries and each distinct term's entries with one aggregation search", async () => {
    server.script({
      kind: 'hits',
      hits: [],
      total: 3,
      aggregations: { t0: { doc_count: 2 }, t1: { doc_count: 1 }, t2: { doc_count: 0 } },
    });
    const stats = await lexicalIndex().termStatistics('user-1', ['river', 'max-time', 'river', '', 'violin']);
    expect(server.requests[0]?.body).toEqual({
      size: 0,
      track_total_hits: true,
      query: { bool: { filter: [{ term: { kind: 'lexical' } }, { term: { userId: 'user-1' } }] } },
      aggs: {
        t0: { filter: { term: { text: 'river' } } },
        t1: { filter: { term: { text: 'max-time' } } },
        t2: { filter: { term: { text: 'violin' } } },
      },
    });
    expect(stats.chunkCount).toBe(3);
    expect(Object.fromEntries(stats.chunkFrequencies)).toEqual({ river: 2, 'max-time': 1, '': 0, violin: 0 });
  });
});

describe('OpenSearchLexicalIndex.deleteDocument', () => {
  it("pages through the document's entry ids with search_after, then bulk-deletes them in batches", async () => {
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: `id-${from + i}`,
        source: { chunkId: `c${from + i}` },
        sort: [`w${String(from + i).padStart(4, '0')}`],
      }));
    server.script(
      { kind: 'hits', hits: page(0, 1000) },
      { kind: 'hits', hits: page(1000, 2) },
      { kind: 'bulk' },
      { kind: 'bulk' },
      { kind: 'bulk' },
    );
    await lexicalIndex(500).deleteDocument('user-1', 'doc-1');
    const filter = [
      { term: { kind: 'lexical' } },
      { term: { userId: 'user-1' } },
      { terms: { documentId: ['doc-1'] } },
    ];
    const lookup = { size: 1000, _source: ['chunkId'], query: { bool: { filter } }, sort: [{ writeId: 'asc' }] };
    expect(server.requests[0]?.body).toEqual(lookup);
    expect(server.requests[1]?.body).toEqual({ ...lookup, search_after: ['w0999'] });
    const deletes = server.requests.slice(2).map((r) => r.body as unknown[]);
    expect(deletes.map((lines) => lines.length)).toEqual([500, 500, 2]);
    expect(deletes[2]).toEqual([
      { delete: { _index: INDEX, _id: 'id-1000' } },
      { delete: { _index: INDEX, _id: 'id-1001' } },
    ]);
  });

  it('treats an entry already gone (404 not_found) as deleted', async () => {
    server.script(
      { kind: 'hits', hits: [{ id: 'gone', source: { chunkId: 'c1' }, sort: ['w1'] }] },
      { kind: 'bulk', outcomes: { 0: 'not_found' } },
    );
    await lexicalIndex().deleteDocument('user-1', 'doc-1');
    expect(server.requests).toHaveLength(2);
  });
});
