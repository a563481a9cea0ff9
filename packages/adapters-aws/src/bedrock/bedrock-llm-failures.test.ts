import type { LlmRequest } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BedrockTestServer, startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import type { BedrockApi } from './bedrock-calls.ts';
import { BedrockLlm, type BedrockLlmOptions } from './bedrock-llm.ts';

const USAGE = { inputTokens: 31, outputTokens: 4 };
const REQUEST: LlmRequest = { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi?' }], maxTokens: 50 };

let server: BedrockTestServer;
beforeEach(async () => {
  server = await startBedrockTestServer();
});
afterEach(async () => {
  await server.close();
});

const llm = (options: BedrockLlmOptions = {}): BedrockLlm =>
  new BedrockLlm({
    region: 'eu-central-1',
    endpoint: server.baseUrl,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
    retryBaseDelayMs: 1,
    ...options,
  });

const collect = () => {
  const deltas: string[] = [];
  return { deltas, onText: (delta: string) => deltas.push(delta) };
};

describe('BedrockLlm HTTP errors', () => {
  it('retries throttling up to maxRetries, then fails retryable quoting AWS', async () => {
    const throttled = { kind: 'fail', status: 429, message: 'Too many tokens, please wait' } as const;
    server.script(throttled, throttled, throttled);
    const error = await expectDocentError(llm().generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ThrottlingException (HTTP 429): Too many tokens, please wait');
    expect(error.message).toContain('gave up after 3 attempts');
    expect(error.details).toMatchObject({ awsError: 'ThrottlingException', status: 429, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('makes a single attempt with maxRetries 0', async () => {
    server.script({ kind: 'fail', status: 503, message: 'Overloaded' });
    const error = await expectDocentError(llm({ maxRetries: 0 }).generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx, ModelNotReady and a proxy error page, then succeeds', async () => {
    server.script(
      { kind: 'fail', status: 500, message: 'internal' },
      { kind: 'aws-error', status: 429, errorType: 'ModelNotReadyException', message: 'warming up' },
      { kind: 'raw', status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' },
      { kind: 'reply', chunks: ['fine'], usage: USAGE },
    );
    expect((await llm({ maxRetries: 3 }).generate(REQUEST)).text).toBe('fine');
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [400, 'ValidationException', 'messages: text content blocks must be non-empty'],
    [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."],
    [404, 'ResourceNotFoundException', 'Model not found'],
    [400, 'ServiceQuotaExceededException', 'Quota exceeded'],
  ])('does not retry HTTP %i %s and quotes it', async (status, errorType, message) => {
    server.script({ kind: 'aws-error', status, errorType, message });
    const error = await expectDocentError(llm({ api: 'converse' }).generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`${errorType} (HTTP ${status}): ${message}`);
    expect(error.details).toMatchObject({ api: 'converse', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a network failure (nothing listening) and then fails retryable', async () => {
    const gateway = llm();
    await server.close();
    const error = await expectDocentError(gateway.generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.details?.attempts).toBe(3);
  });

  it('times out a silent server per attempt, retries, then fails retryable', async () => {
    server.script({ kind: 'hang' }, { kind: 'hang' });
    const started = Date.now();
    const error = await expectDocentError(llm({ timeoutMs: 100, maxRetries: 1 }).generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no answer within 100 ms');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops waiting for a backoff when the caller aborts', async () => {
    server.script({ kind: 'fail', status: 429, message: 'slow down' });
    const controller = new AbortController();
    const reason = new Error('user left');
    const started = Date.now();
    const pending = llm({ retryBaseDelayMs: 20_000 }).generate(REQUEST, { signal: controller.signal });
    // Abort once the throttled answer is out, whatever the machine's load, not after a fixed delay.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects at once with the reason of an already aborted signal, sending nothing', async () => {
    const reason = new Error('already gone');
    await expect(llm().generate(REQUEST, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});

describe.each(['invoke', 'converse'] satisfies BedrockApi[])('BedrockLlm streams (api %s)', (api) => {
  it('retries an exception inside the stream that came before any text', async () => {
    server.script(
      { kind: 'stream-break', chunks: [], end: { exceptionType: 'throttlingException', message: 'Too many requests' } },
      { kind: 'reply', chunks: ['Hel', 'lo'], usage: USAGE },
    );
    const { deltas, onText } = collect();
    expect(await llm({ api }).generate(REQUEST, { onText })).toEqual({
      text: 'Hello',
      finishReason: 'stop',
      usage: USAGE,
    });
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry once text was delivered: an in-stream exception fails retryable', async () => {
    const end = { exceptionType: 'serviceUnavailableException', message: 'Bedrock is unavailable' };
    server.script({ kind: 'stream-break', chunks: ['Partial ', 'answer'], end });
    const { deltas, onText } = collect();
    const error = await expectDocentError(llm({ api }).generate(REQUEST, { onText }), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ServiceUnavailableException: Bedrock is unavailable');
    expect(deltas).toEqual(['Partial ', 'answer']);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a validation exception inside the stream', async () => {
    const end = { exceptionType: 'validationException', message: 'Input is too long for requested model.' };
    server.script({ kind: 'stream-break', chunks: [], end });
    const error = await expectDocentError(llm({ api }).generate(REQUEST, { onText: () => {} }), 'llm_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Input is too long for requested model.');
    expect(server.requests).toHaveLength(1);
  });

  it('treats a stream closed before its last event as transient', async () => {
    server.script({ kind: 'stream-break', chunks: [], end: 'close' }, { kind: 'reply', chunks: ['ok'], usage: USAGE });
    expect((await llm({ api }).generate(REQUEST, { onText: () => {} })).text).toBe('ok');
    server.script({ kind: 'stream-break', chunks: ['cut'], end: 'close' });
    const error = await expectDocentError(llm({ api }).generate(REQUEST, { onText: () => {} }), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ended before');
    expect(server.requests).toHaveLength(3);
  });

  it('times out a stream that goes silent after some text, without a retry', async () => {
    server.script({ kind: 'stream-break', chunks: ['Some'], end: 'stall' });
    const { deltas, onText } = collect();
    const error = await expectDocentError(llm({ api, timeoutMs: 150 }).generate(REQUEST, { onText }), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no answer within 150 ms');
    expect(deltas).toEqual(['Some']);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with the abort reason in the middle of a stream', async () => {
    server.script({ kind: 'stream-break', chunks: ['Some'], end: 'stall' });
    const controller = new AbortController();
    const reason = new Error('tab closed');
    const started = Date.now();
    const onText = () => setTimeout(() => controller.abort(reason), 20);
    await expect(llm({ api }).generate(REQUEST, { signal: controller.signal, onText })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lets an error thrown by onText through unchanged, without a retry', async () => {
    server.script({ kind: 'reply', chunks: ['a', 'b'], usage: USAGE });
    const failure = new Error('response socket closed');
    const onText = () => {
      throw failure;
    };
    await expect(llm({ api }).generate(REQUEST, { onText })).rejects.toBe(failure);
    expect(server.requests).toHaveLength(1);
  });

  it('reports max_tokens in a stream as length, with usage from the final events', async () => {
    server.script({ kind: 'reply', chunks: ['a', 'b'], usage: USAGE, finishReason: 'length' });
    expect(await llm({ api }).generate(REQUEST, { onText: () => {} })).toEqual({
      text: 'ab',
      finishReason: 'length',
      usage: USAGE,
    });
  });
});
