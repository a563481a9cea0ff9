import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BedrockTestServer, startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import { TitanEmbedder, type TitanEmbedderOptions } from './titan-embedder.ts';

let server: BedrockTestServer;
beforeEach(async () => {
  server = await startBedrockTestServer();
});
afterEach(async () => {
  await server.close();
});

const embedder = (options: TitanEmbedderOptions = {}): TitanEmbedder =>
  new TitanEmbedder({
    dimensions: 256,
    region: 'us-east-1',
    endpoint: server.baseUrl,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
    retryBaseDelayMs: 1,
    ...options,
  });

const throttled = {
  kind: 'fail',
  status: 429,
  message: 'Too many requests, please wait before trying again.',
} as const;

describe('TitanEmbedder transient failures', () => {
  it('retries throttling up to maxRetries, then fails retryable quoting AWS', async () => {
    server.script(throttled, throttled, throttled);
    const error = await expectDocentError(embedder({ maxRetries: 2 }).embed(['hello']), 'embedding_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ThrottlingException (HTTP 429): Too many requests, please wait');
    expect(error.message).toContain('gave up after 3 attempts');
    expect(error.details).toMatchObject({
      awsError: 'ThrottlingException',
      status: 429,
      attempts: 3,
      modelId: 'amazon.titan-embed-text-v2:0',
    });
    expect(server.requests).toHaveLength(3);
  });

  it('retries throttling, 5xx, ModelNotReady and a proxy error page, then succeeds', async () => {
    server.script(
      throttled,
      { kind: 'fail', status: 503, message: 'Service unavailable' },
      { kind: 'aws-error', status: 429, errorType: 'ModelNotReadyException', message: 'warming up' },
      { kind: 'raw', status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' },
    );
    const [vector] = await embedder({ maxRetries: 4 }).embed(['hello']);
    expect(vector).toHaveLength(256);
    expect(server.requests).toHaveLength(5);
  });

  it('retries a response that does not come in time, then fails retryable', async () => {
    server.script({ kind: 'hang' }, { kind: 'hang' });
    const error = await expectDocentError(
      embedder({ maxRetries: 1, timeoutMs: 50 }).embed(['hello']),
      'embedding_failed',
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no answer within 50 ms (gave up after 2 attempts)');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a network failure (nothing listening) and then fails retryable', async () => {
    const titan = embedder({ maxRetries: 1 });
    await server.close();
    const error = await expectDocentError(titan.embed(['hello']), 'embedding_failed');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ attempts: 2 });
  });
});

describe('TitanEmbedder permanent failures', () => {
  it.each([
    [400, 'ValidationException', 'Malformed input request: #/inputText: expected minLength: 1, actual: 0'],
    [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."],
    [404, 'ResourceNotFoundException', 'Could not resolve the foundation model from the provided model identifier.'],
  ])('does not retry HTTP %i %s and quotes it', async (status, errorType, message) => {
    server.script({ kind: 'aws-error', status, errorType, message });
    const error = await expectDocentError(embedder().embed(['hello']), 'embedding_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`${errorType} (HTTP ${status}): ${message}`);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['a body that is not JSON', 'not json', 'the body is not JSON'],
    ['a vector of the wrong width', JSON.stringify({ embedding: [1, 0, 0], inputTextTokenCount: 1 }), '3 dimensions'],
  ])('does not retry %s', async (_case, body, problem) => {
    server.script({ kind: 'raw', status: 200, body });
    const error = await expectDocentError(embedder().embed(['hello']), 'embedding_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(problem);
    expect(server.requests).toHaveLength(1);
  });
});

describe('TitanEmbedder aborts', () => {
  it('rejects at once with the reason of an already aborted signal, sending nothing', async () => {
    const reason = new Error('already gone');
    await expect(embedder().embed(['hello'], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects with the abort reason during a request', async () => {
    server.script({ kind: 'hang' });
    const controller = new AbortController();
    const reason = new Error('caller left');
    setTimeout(() => controller.abort(reason), 50);
    await expect(embedder().embed(['hello'], { signal: controller.signal })).rejects.toBe(reason);
  });

  it('stops waiting for a backoff when the caller aborts', async () => {
    server.script(throttled);
    const controller = new AbortController();
    const reason = new Error('caller left');
    const started = Date.now();
    const pending = embedder({ retryBaseDelayMs: 20_000 }).embed(['hello'], { signal: controller.signal });
    // Abort once the throttled answer is out, whatever the machine's load, not after a fixed delay.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });
});
