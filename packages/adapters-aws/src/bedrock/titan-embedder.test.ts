import { cosine, expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BedrockTestServer, startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import { expectedSigV4Signature, parseSigV4 } from '../../test-support/bedrock-test-sigv4.ts';
import { titanResponseBody, titanTestTokenCount, titanTestVector } from '../../test-support/titan-test-replies.ts';
import { TitanEmbedder, type TitanEmbedderOptions } from './titan-embedder.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };
const TITAN_PATH = '/model/amazon.titan-embed-text-v2%3A0/invoke';

let server: BedrockTestServer;
beforeEach(async () => {
  server = await startBedrockTestServer();
});
afterEach(async () => {
  await server.close();
});

const embedder = (options: TitanEmbedderOptions = {}): TitanEmbedder =>
  new TitanEmbedder({ region: 'us-east-1', endpoint: server.baseUrl, credentials: CREDENTIALS, ...options });

const sentTexts = (): unknown[] =>
  server.requests.map((request) => (request.body as { inputText?: unknown }).inputText);

/** What the emulated Titan returns for `text`, as a unit Float32Array. */
const expectedVector = (text: string, dimensions: number): Float32Array => {
  const raw = titanTestVector(text, dimensions);
  const norm = Math.hypot(...raw);
  return Float32Array.from(raw, (value) => value / norm);
};

describe('TitanEmbedder configuration', () => {
  it('names model and width in modelId, 1024 by default', () => {
    expect(embedder()).toMatchObject({ modelId: 'bedrock:amazon.titan-embed-text-v2:0@1024', dimensions: 1024 });
    expect(embedder({ dimensions: 256 })).toMatchObject({
      modelId: 'bedrock:amazon.titan-embed-text-v2:0@256',
      dimensions: 256,
    });
  });

  it.each([
    [{ dimensions: 768 as 256 }, 'dimensions'],
    [{ concurrency: 0 }, 'concurrency'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ retryBaseDelayMs: 1.5 }, 'retryBaseDelayMs'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
  ])('rejects %o as validation_failed', async (options, field) => {
    const error = await expectDocentError(() => embedder(options), 'validation_failed');
    expect(error.details).toEqual({ field });
  });
});

describe('TitanEmbedder requests', () => {
  it('POSTs one signed InvokeModel per text with inputText, dimensions and normalize', async () => {
    await embedder({ dimensions: 512 }).embed(['Ünïcödé naïve café 文書']);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: TITAN_PATH, modelId: 'amazon.titan-embed-text-v2:0' });
    expect(request?.body).toEqual({ inputText: 'Ünïcödé naïve café 文書', dimensions: 512, normalize: true });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(parseSigV4(request?.headers.authorization)).toMatchObject({
      accessKeyId: 'AKIDLOCALTEST',
      region: 'us-east-1',
      service: 'bedrock',
    });
    if (!request) throw new Error('no request');
    expect(expectedSigV4Signature(request, CREDENTIALS.secretAccessKey)).toBe(
      parseSigV4(request.headers.authorization)?.signature,
    );
  });

  it('returns each text its own vector, in input order, with several requests in flight', async () => {
    const texts = Array.from({ length: 9 }, (_, i) => `passage number ${i} about topic ${'abcdefghi'[i]}`);
    const vectors = await embedder({ dimensions: 256, concurrency: 3 }).embed(texts);
    expect(server.requests).toHaveLength(9);
    for (const [i, text] of texts.entries()) {
      expect(cosine(vectors[i] ?? new Float32Array(256), expectedVector(text, 256))).toBeGreaterThan(1 - 1e-6);
    }
  });

  it('sends nothing for no texts, and the same request whatever the purpose', async () => {
    const titan = embedder({ dimensions: 256 });
    expect(await titan.embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
    await titan.embed(['how long may curl run?'], { purpose: 'query' });
    await titan.embed(['how long may curl run?'], { purpose: 'passage' });
    expect(server.requests[0]?.rawBody).toBe(server.requests[1]?.rawBody);
  });

  it('normalises a vector Titan returns off unit length', async () => {
    const raw = new Array(256).fill(0);
    [raw[0], raw[1]] = [3, 4];
    server.script({ kind: 'raw', status: 200, body: titanResponseBody(raw, 2) });
    const [vector] = await embedder({ dimensions: 256 }).embed(['hi there']);
    expect([vector?.[0], vector?.[1]]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });

  it('sends a single space for an empty text, which Titan would refuse', async () => {
    const [vector] = await embedder({ dimensions: 256 }).embed(['']);
    expect(sentTexts()).toEqual([' ']);
    expect(vector).toHaveLength(256);
  });
});

describe('TitanEmbedder concurrency', () => {
  it.each([
    [2, 5, 2],
    [undefined, 7, 4],
  ])('keeps at most concurrency %s requests in flight (%i texts → %i)', async (concurrency, count, inFlight) => {
    server.script(...Array.from({ length: count }, () => ({ kind: 'hang' }) as const));
    const controller = new AbortController();
    const texts = Array.from({ length: count }, (_, i) => `text ${i}`);
    const pending = embedder(concurrency === undefined ? {} : { concurrency }).embed(texts, {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(server.requests).toHaveLength(inFlight));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(inFlight);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('stops the other requests when one text fails for good', async () => {
    server.script(
      { kind: 'hang' },
      { kind: 'aws-error', status: 403, errorType: 'AccessDeniedException', message: 'No access' },
    );
    const started = Date.now();
    const error = await expectDocentError(
      embedder({ concurrency: 2, timeoutMs: 10_000 }).embed(['one', 'two', 'three', 'four']),
      'embedding_failed',
    );
    expect(error.message).toContain('AccessDeniedException (HTTP 403): No access');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(2);
  });
});

describe('TitanEmbedder input limits', () => {
  it('cuts a text to 50,000 characters at a word boundary', async () => {
    const [vector] = await embedder({ dimensions: 256 }).embed(['abcdefghi '.repeat(6_000)]);
    const [sent] = sentTexts() as string[];
    expect(sent?.length).toBeLessThanOrEqual(50_000);
    expect(sent?.length).toBeGreaterThan(49_000);
    expect(sent?.endsWith('abcdefghi')).toBe(true);
    expect(vector).toHaveLength(256);
  });

  it('cuts a token-dense text by the ratio Titan reports and sends it again', async () => {
    const text = '文'.repeat(12_000);
    const [vector] = await embedder({ dimensions: 256, maxRetries: 0 }).embed([text]);
    const sent = sentTexts() as string[];
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(text);
    expect(titanTestTokenCount(sent[1] ?? '')).toBeLessThanOrEqual(8_192);
    expect(sent[1]?.length).toBeGreaterThan(7_500);
    expect(cosine(vector ?? new Float32Array(256), expectedVector(sent[1] ?? '', 256))).toBeGreaterThan(1 - 1e-6);
  });

  it('gives up, not retryable, when the text is still too long after three cuts', async () => {
    const tooMany = {
      kind: 'aws-error',
      status: 400,
      errorType: 'ValidationException',
      message: '400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count: 8200',
    } as const;
    server.script(tooMany, tooMany, tooMany, tooMany);
    const error = await expectDocentError(embedder().embed(['x'.repeat(1_000)]), 'embedding_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Too many input tokens');
    expect(error.details).toMatchObject({ tokenCuts: 3, attempts: 1, awsError: 'ValidationException' });
    const lengths = (sentTexts() as string[]).map((sent) => sent.length);
    expect(lengths).toEqual([1_000, 900, 810, 729]);
  });
});
