import type { LlmRequest, LlmResponse } from '@docent/domain';
import { type ChatTestServer, chatChunk, expectDocentError, sseEvent, startChatTestServer } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from './openai-compatible-llm.ts';

const USAGE = { inputTokens: 12, outputTokens: 3 };
const REQUEST: LlmRequest = {
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Hello?' }],
  maxTokens: 64,
};
const DONE = [sseEvent(chatChunk({}, 'stop')), sseEvent('[DONE]')];

let server: ChatTestServer;

beforeEach(async () => {
  server = await startChatTestServer();
});
afterEach(async () => {
  await server.close();
});

const llm = (options: Partial<OpenAiCompatibleLlmOptions> = {}): OpenAiCompatibleLlm =>
  new OpenAiCompatibleLlm({ baseUrl: server.baseUrl, model: 'test-model', retryBaseDelayMs: 1, ...options });

/** Streams `REQUEST`, collecting the deltas even when generation fails. */
const streamed = (
  gateway: OpenAiCompatibleLlm,
  signal?: AbortSignal,
): { deltas: string[]; result: Promise<LlmResponse> } => {
  const deltas: string[] = [];
  const result = gateway.generate(REQUEST, { onText: (delta) => deltas.push(delta), ...(signal ? { signal } : {}) });
  return { deltas, result };
};

describe('OpenAiCompatibleLlm', () => {
  it('names itself after the trimmed model and keeps its pricing', () => {
    const gateway = llm({ model: ' llama3.1:8b ', pricing: { inputPerMillion: 0, outputPerMillion: 2 } });
    expect(gateway.id).toBe('openai-compatible:llama3.1:8b');
    expect(gateway.pricing).toEqual({ inputPerMillion: 0, outputPerMillion: 2 });
    expect(llm().pricing).toBeUndefined();
  });

  it('posts to {baseUrl}/chat/completions and sends a bearer token only when an api key is given', async () => {
    const urls: string[] = [];
    const tracing: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    server.script({ kind: 'reply', chunks: ['a'], usage: USAGE }, { kind: 'reply', chunks: ['b'], usage: USAGE });
    await llm({ apiKey: 'sk-test', baseUrl: `${server.baseUrl}/`, fetch: tracing }).generate(REQUEST);
    await llm({ apiKey: '' }).generate(REQUEST, { onText: () => {} });
    expect(urls).toEqual([`${server.baseUrl}/chat/completions`]);
    expect(server.headers().map((h) => h.authorization)).toEqual(['Bearer sk-test', undefined]);
    expect(server.headers().map((h) => h.accept)).toEqual(['application/json', 'text/event-stream']);
  });

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    server.script(
      { kind: 'fail', status: 429, message: 'slow down', headers: { 'retry-after': '0.2' } },
      { kind: 'reply', chunks: ['ok'], usage: USAGE },
    );
    const started = performance.now();
    expect((await llm().generate(REQUEST)).text).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.received()).toHaveLength(2);
  });

  it('times out a silent server for the whole request when not streaming', async () => {
    server.script({ kind: 'hang' }, { kind: 'hang' });
    const error = await expectDocentError(llm({ timeoutMs: 80, maxRetries: 1 }).generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer within 80 ms (gave up after 2 attempts)');
    expect(server.received()).toHaveLength(2);
  });

  it('bounds each gap of a stream, not the whole stream', async () => {
    const words = ['one ', 'two ', 'three ', 'four ', 'five ', 'six'];
    server.script({
      kind: 'raw',
      writes: [...words.map((content) => sseEvent(chatChunk({ content }))), ...DONE],
      gapMs: 60,
    });
    const started = performance.now();
    const { deltas, result } = streamed(llm({ timeoutMs: 300 }));
    expect((await result).text).toBe(words.join(''));
    expect(performance.now() - started).toBeGreaterThan(300);
    expect(deltas).toEqual(words);
  });

  it('fails a stalled stream with a retryable llm_failed, without retrying once text was delivered', async () => {
    server.script({ kind: 'raw', writes: [sseEvent(chatChunk({ content: 'Hel' }))], end: 'hang' });
    const { deltas, result } = streamed(llm({ timeoutMs: 100 }));
    const error = await expectDocentError(result, 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('sent nothing for 100 ms after part of the reply was streamed');
    expect(deltas).toEqual(['Hel']);
    expect(server.received()).toHaveLength(1);
  });

  it('retries a stream that stalls before any text', async () => {
    server.script(
      { kind: 'raw', writes: [sseEvent(chatChunk({ role: 'assistant', content: '' }))], end: 'hang' },
      { kind: 'reply', chunks: ['fine'], usage: USAGE },
    );
    const { deltas, result } = streamed(llm({ timeoutMs: 100 }));
    expect(await result).toEqual({ text: 'fine', finishReason: 'stop', usage: USAGE });
    expect(deltas).toEqual(['fine']);
    expect(server.received()).toHaveLength(2);
  });

  it('does not retry a connection dropped after text was streamed', async () => {
    server.script({ kind: 'raw', writes: [sseEvent(chatChunk({ content: 'Hello' }))], end: 'drop' });
    const { deltas, result } = streamed(llm());
    const error = await expectDocentError(result, 'llm_failed');
    expect(error.message).toContain('broke off the stream');
    expect(deltas).toEqual(['Hello']);
    expect(server.received()).toHaveLength(1);
  });

  it('decodes an event split inside a UTF-8 character and across lines by the network', async () => {
    const bytes = new TextEncoder().encode(sseEvent(chatChunk({ content: 'café ✓ 文書' })));
    const tick = bytes.indexOf(0xe2); // first of the 3 bytes of ✓
    const pieces = [
      bytes.slice(0, 9),
      bytes.slice(9, tick + 1),
      bytes.slice(tick + 1, tick + 2),
      bytes.slice(tick + 2),
    ];
    server.script({ kind: 'raw', writes: [...pieces, ...DONE], gapMs: 15 });
    const { deltas, result } = streamed(llm());
    expect((await result).text).toBe('café ✓ 文書');
    expect(deltas).toEqual(['café ✓ 文書']);
  });

  it('accepts a JSON completion in answer to a stream request', async () => {
    const completion = {
      choices: [{ index: 0, message: { role: 'assistant', content: 'All at once.' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 4 },
    };
    server.script({
      kind: 'raw',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      writes: [JSON.stringify(completion)],
    });
    const { deltas, result } = streamed(llm());
    expect(await result).toEqual({
      text: 'All at once.',
      finishReason: 'length',
      usage: { inputTokens: 5, outputTokens: 4 },
    });
    expect(deltas).toEqual(['All at once.']);
    expect(server.received()[0]?.stream).toBe(true);
  });

  it('accepts a stream that ends after its finish reason without [DONE] or usage', async () => {
    server.script({ kind: 'raw', writes: [sseEvent(chatChunk({ content: 'Hi' }, 'content_filter'))] });
    expect(await streamed(llm()).result).toEqual({ text: 'Hi', finishReason: 'other' });
  });

  it('retries a stream cut short before any text or finish reason', async () => {
    server.script({ kind: 'raw', writes: [] }, { kind: 'reply', chunks: ['again'], usage: USAGE });
    expect((await streamed(llm()).result).text).toBe('again');
    expect(server.received()).toHaveLength(2);
  });

  it('turns malformed JSON into a non-retryable llm_failed without retrying', async () => {
    const json = { 'content-type': 'application/json' };
    server.script(
      { kind: 'raw', headers: json, writes: ['<html>proxy error</html>'] },
      { kind: 'raw', headers: json, writes: ['{"choices": "none"}'] },
      { kind: 'raw', writes: ['data: {"choices": [\n\n'] },
    );
    const notJson = await expectDocentError(llm().generate(REQUEST), 'llm_failed');
    expect([notJson.retryable, notJson.message]).toEqual([false, 'The chat server answered with malformed JSON.']);
    const wrongShape = await expectDocentError(llm().generate(REQUEST), 'llm_failed');
    expect(wrongShape.retryable).toBe(false);
    expect(wrongShape.message).toContain('`choices`');
    const badEvent = await expectDocentError(streamed(llm()).result, 'llm_failed');
    expect([badEvent.retryable, badEvent.message]).toEqual([
      false,
      'The chat server sent a stream event that is not JSON.',
    ]);
    expect(server.received()).toHaveLength(3);
  });

  it('quotes an error the server sends inside the stream', async () => {
    server.script({
      kind: 'raw',
      writes: [sseEvent({ error: { message: 'CUDA out of memory', type: 'server_error' } })],
    });
    const error = await expectDocentError(streamed(llm({ maxRetries: 0 })).result, 'llm_failed');
    expect(error.message).toContain('failed mid-stream: CUDA out of memory');
  });

  it('reports an unreachable server as retryable', async () => {
    await server.close();
    const error = await expectDocentError(llm({ maxRetries: 1 }).generate(REQUEST), 'llm_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('could not be reached');
  });

  it('rejects with the abort reason during a backoff wait and mid-stream', async () => {
    server.script({ kind: 'fail', status: 503, message: 'busy', headers: { 'retry-after': '30' } });
    const reason = new Error('caller gave up');
    const backoff = new AbortController();
    const waiting = llm().generate(REQUEST, { signal: backoff.signal });
    await until(() => server.received().length === 1);
    backoff.abort(reason);
    await expect(waiting).rejects.toBe(reason);

    server.script({ kind: 'raw', writes: [sseEvent(chatChunk({ content: 'Hel' }))], end: 'hang' });
    const midStream = new AbortController();
    const { deltas, result } = streamed(llm(), midStream.signal);
    await until(() => deltas.length === 1);
    midStream.abort(reason);
    await expect(result).rejects.toBe(reason);
  });

  it('passes on what onText throws, without retrying', async () => {
    server.script({ kind: 'reply', chunks: ['a', 'b'], usage: USAGE });
    const thrown = new Error('client socket closed');
    const failing = llm().generate(REQUEST, {
      onText: () => {
        throw thrown;
      },
    });
    await expect(failing).rejects.toBe(thrown);
    expect(server.received()).toHaveLength(1);
  });

  it('validates its options', async () => {
    await expectDocentError(() => llm({ model: ' ' }), 'validation_failed');
    await expectDocentError(() => llm({ baseUrl: 'ftp://host/v1' }), 'validation_failed');
    await expectDocentError(() => llm({ baseUrl: 'not a url' }), 'validation_failed');
    await expectDocentError(() => llm({ timeoutMs: 0 }), 'validation_failed');
    await expectDocentError(() => llm({ maxRetries: -1 }), 'validation_failed');
    await expectDocentError(() => llm({ retryBaseDelayMs: 1.5 }), 'validation_failed');
    const price = await expectDocentError(
      () => llm({ pricing: { inputPerMillion: 1, outputPerMillion: Number.NaN } }),
      'validation_failed',
    );
    expect(price.details).toEqual({ field: 'pricing.outputPerMillion' });
    await expectDocentError(() => llm({ pricing: { inputPerMillion: -1, outputPerMillion: 1 } }), 'validation_failed');
  });
});

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
