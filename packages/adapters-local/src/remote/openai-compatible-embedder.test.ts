import { cosine, expectDocentError, vectorNorm } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type EmbeddingTestServer,
  startEmbeddingTestServer,
  textVector,
} from '../../test-support/embedding-test-server.ts';
import { OpenAiCompatibleEmbedder, type OpenAiCompatibleEmbedderOptions } from './openai-compatible-embedder.ts';

const DIMENSIONS = 16;
let server: EmbeddingTestServer;

beforeEach(async () => {
  server = await startEmbeddingTestServer(DIMENSIONS);
});
afterEach(async () => {
  await server.close();
});

const embedder = (options: Partial<OpenAiCompatibleEmbedderOptions> = {}): OpenAiCompatibleEmbedder =>
  new OpenAiCompatibleEmbedder({
    baseUrl: server.baseUrl,
    model: 'test-model',
    dimensions: DIMENSIONS,
    retryBaseDelayMs: 1,
    ...options,
  });

const inputs = (): unknown[] => server.requests.map((request) => (request.body as { input: unknown }).input);
const texts = (count: number): string[] => Array.from({ length: count }, (_, i) => `text number ${i}`);

describe('OpenAiCompatibleEmbedder', () => {
  it('sends batches of batchSize in order and returns unit vectors in input order', async () => {
    const all = texts(7);
    const vectors = await embedder({ batchSize: 3 }).embed(all);
    expect(inputs()).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6)]);
    expect(server.requests.every((r) => r.method === 'POST' && r.path === '/v1/embeddings')).toBe(true);
    expect(server.requests.every((r) => (r.body as { model: string }).model === 'test-model')).toBe(true);
    expect(vectors).toHaveLength(7);
    for (const [i, vector] of vectors.entries()) {
      expect(vectorNorm(vector)).toBeCloseTo(1, 5);
      expect(cosine(vector, textVector(all[i] ?? '', DIMENSIONS))).toBeCloseTo(1, 5);
    }
  });

  it('makes no request for no texts, and uses one request up to the default batch of 64', async () => {
    expect(await embedder().embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
    await embedder().embed(texts(64));
    expect(server.requests).toHaveLength(1);
  });

  it('orders vectors by index, not by position in the response', async () => {
    server.script.push({
      status: 200,
      body: {
        data: [
          { index: 2, embedding: unit(2) },
          { index: 0, embedding: unit(0) },
          { index: 1, embedding: unit(1) },
        ],
      },
    });
    const vectors = await embedder().embed(['a', 'b', 'c']);
    expect(vectors.map((vector) => vector.indexOf(1))).toEqual([0, 1, 2]);
  });

  it('sends a bearer token only when an api key is given', async () => {
    await embedder({ apiKey: 'sk-local-test' }).embed(['a']);
    await embedder().embed(['a']);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-local-test', undefined]);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('adds the query or passage prefix by purpose, passage by default', async () => {
    const prefixed = embedder({ queryPrefix: 'search_query: ', passagePrefix: 'search_document: ' });
    await prefixed.embed(['q'], { purpose: 'query' });
    await prefixed.embed(['p'], { purpose: 'passage' });
    await prefixed.embed(['d']);
    expect(inputs()).toEqual([['search_query: q'], ['search_document: p'], ['search_document: d']]);
    expect(prefixed.modelId).not.toBe(embedder().modelId);
  });

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    server.script.push({ status: 429, headers: { 'retry-after': '0.2' }, body: { error: { message: 'slow down' } } });
    const started = performance.now();
    const vectors = await embedder().embed(['a', 'b']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(vectors).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after 1 + maxRetries server errors with a retryable embedding_failed', async () => {
    for (let i = 0; i < 4; i++) server.script.push({ status: 500, body: { error: { message: 'model crashed' } } });
    const error = await expectDocentError(embedder().embed(['a']), 'embedding_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('model crashed');
    expect(server.requests).toHaveLength(4);
  });

  it('retries a dropped connection, then succeeds', async () => {
    server.script.push('drop');
    expect(await embedder().embed(['a'])).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('turns a 400 into a non-retryable embedding_failed with the server message, without retrying', async () => {
    server.script.push({ status: 400, body: { error: 'input length exceeds the context length' } });
    const error = await expectDocentError(embedder().embed(['a']), 'embedding_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('HTTP 400: input length exceeds the context length');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects vectors of the wrong width', async () => {
    server.script.push({ status: 200, body: { data: [{ index: 0, embedding: [1, 2, 3] }] } });
    const error = await expectDocentError(embedder().embed(['a']), 'embedding_failed');
    expect(error.message).toContain(`3 dimensions where ${DIMENSIONS}`);
  });

  it('rejects a body that is not the embeddings JSON', async () => {
    server.script.push({ status: 200, body: '<html>proxy</html>' }, { status: 200, body: { data: 'nope' } });
    expect((await expectDocentError(embedder().embed(['a']), 'embedding_failed')).message).toContain('malformed');
    expect((await expectDocentError(embedder().embed(['a']), 'embedding_failed')).message).toContain('`data`');
  });

  it('times out a silent server, retries, then fails retryable', async () => {
    server.script.push('hang', 'hang');
    const error = await expectDocentError(embedder({ timeoutMs: 50, maxRetries: 1 }).embed(['a']), 'embedding_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer within 50 ms');
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with the caller abort reason during a request, without retrying', async () => {
    server.script.push('hang');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 30);
    await expect(embedder().embed(['a'], { signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with the caller abort reason during a backoff wait', async () => {
    server.script.push({ status: 503, headers: { 'retry-after': '30' }, body: 'busy' });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const embedding = embedder().embed(['a'], { signal: controller.signal });
    await until(() => server.requests.length === 1);
    controller.abort(reason);
    await expect(embedding).rejects.toBe(reason);
  });

  it('reports an unreachable server as retryable', async () => {
    await server.close();
    const error = await expectDocentError(embedder({ maxRetries: 1 }).embed(['a']), 'embedding_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('could not be reached');
  });

  it('sends through an injected fetch', async () => {
    const seen: string[] = [];
    const tracing: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await embedder({ fetch: tracing }).embed(['a']);
    expect(seen).toEqual([`${server.baseUrl}/embeddings`]);
  });

  it('validates its options', async () => {
    await expectDocentError(() => embedder({ dimensions: 0 }), 'validation_failed');
    await expectDocentError(() => embedder({ batchSize: 1.5 }), 'validation_failed');
    await expectDocentError(() => embedder({ baseUrl: 'ftp://host/v1' }), 'validation_failed');
    await expectDocentError(() => embedder({ baseUrl: 'not a url' }), 'validation_failed');
    await expectDocentError(() => embedder({ model: ' ' }), 'validation_failed');
  });
});

const unit = (axis: number): number[] => Array.from({ length: DIMENSIONS }, (_, i) => (i === axis ? 5 : 0));

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
