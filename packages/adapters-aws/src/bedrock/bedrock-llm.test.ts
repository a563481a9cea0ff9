import { createHash } from 'node:crypto';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { LlmRequest } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAwsFixture } from '../../test-support/bedrock-test-replies.ts';
import { type BedrockTestServer, startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import { expectedSigV4Signature, parseSigV4 } from '../../test-support/bedrock-test-sigv4.ts';
import { BedrockLlm, type BedrockLlmOptions, CLAUDE_3_HAIKU_PRICING } from './bedrock-llm.ts';

const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };
const USAGE = { inputTokens: 31, outputTokens: 4 };
const REQUEST: LlmRequest = {
  system: 'Answer only from the passages.',
  messages: [
    { role: 'user', content: 'What is the limit?' },
    { role: 'assistant', content: 'Which limit?' },
    { role: 'user', content: 'The upload limit, ünïcödé ✓' },
  ],
  maxTokens: 300,
  temperature: 0.2,
};

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
    credentials: CREDENTIALS,
    retryBaseDelayMs: 1,
    ...options,
  });

const HAIKU_PATH = '/model/anthropic.claude-3-haiku-20240307-v1%3A0';

describe('BedrockLlm requests', () => {
  it('invoke: POSTs the Anthropic Messages body to /invoke, or /invoke-with-response-stream when streaming', async () => {
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE }, { kind: 'reply', chunks: ['o', 'k'], usage: USAGE });
    await llm().generate(REQUEST);
    await llm().generate(REQUEST, { onText: () => {} });
    const expected = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 300,
      system: 'Answer only from the passages.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What is the limit?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Which limit?' }] },
        { role: 'user', content: [{ type: 'text', text: 'The upload limit, ünïcödé ✓' }] },
      ],
      temperature: 0.2,
    };
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `${HAIKU_PATH}/invoke`, expected],
      ['POST', `${HAIKU_PATH}/invoke-with-response-stream`, expected],
    ]);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(server.requests[0]?.headers.accept).toBe('application/json');
  });

  it('converse: sends messages, system blocks and inferenceConfig to /converse and /converse-stream', async () => {
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE }, { kind: 'reply', chunks: ['o', 'k'], usage: USAGE });
    await llm({ api: 'converse' }).generate(REQUEST);
    await llm({ api: 'converse' }).generate(REQUEST, { onText: () => {} });
    const expected = {
      messages: [
        { role: 'user', content: [{ text: 'What is the limit?' }] },
        { role: 'assistant', content: [{ text: 'Which limit?' }] },
        { role: 'user', content: [{ text: 'The upload limit, ünïcödé ✓' }] },
      ],
      system: [{ text: 'Answer only from the passages.' }],
      inferenceConfig: { maxTokens: 300, temperature: 0.2 },
    };
    expect(server.requests.map((r) => [r.path, r.body])).toEqual([
      [`${HAIKU_PATH}/converse`, expected],
      [`${HAIKU_PATH}/converse-stream`, expected],
    ]);
  });

  it('leaves out an empty system prompt and sends temperature 0 by default', async () => {
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE }, { kind: 'reply', chunks: ['ok'], usage: USAGE });
    const bare = { system: '', messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 5 };
    await llm().generate(bare);
    await llm({ api: 'converse' }).generate(bare);
    const [invoke, converse] = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(invoke).not.toHaveProperty('system');
    expect(invoke?.temperature).toBe(0);
    expect(converse).not.toHaveProperty('system');
    expect(converse?.inferenceConfig).toEqual({ maxTokens: 5, temperature: 0 });
  });

  it('puts an inference profile id in the path, URL-encoded, and names itself after it', async () => {
    const modelId = 'us.anthropic.claude-3-haiku-20240307-v1:0';
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE });
    const gateway = llm({ modelId });
    await gateway.generate(REQUEST);
    expect(server.requests[0]?.path).toBe('/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(server.requests[0]?.modelId).toBe(modelId);
    expect(gateway.id).toBe(`bedrock:${modelId}`);
  });

  it('signs every request with SigV4 for service bedrock in the configured region, body included', async () => {
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE }, { kind: 'reply', chunks: ['o', 'k'], usage: USAGE });
    await llm().generate(REQUEST);
    await llm({ api: 'converse' }).generate(REQUEST, { onText: () => {} });
    for (const request of server.requests) {
      const auth = parseSigV4(request.headers.authorization);
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
      expect(auth).toMatchObject({ accessKeyId: 'AKIDLOCALTEST', region: 'eu-central-1', service: 'bedrock' });
      expect(auth?.signedHeaders).toEqual(expect.arrayContaining(['x-amz-date', 'content-type']));
      expect(request.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(request.rawBody).digest('hex'));
      expect(auth?.signature).toBe(expectedSigV4Signature(request, CREDENTIALS.secretAccessKey));
      expect(auth?.signature).not.toBe(expectedSigV4Signature(request, 'another-secret'));
    }
  });

  it('reuses a given client', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-west-2',
      endpoint: server.baseUrl,
      credentials: { accessKeyId: 'AKIDGIVENCLIENT', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE });
    expect((await new BedrockLlm({ client }).generate(REQUEST)).text).toBe('ok');
    expect(parseSigV4(server.requests[0]?.headers.authorization)).toMatchObject({
      accessKeyId: 'AKIDGIVENCLIENT',
      region: 'us-west-2',
    });
    client.destroy();
  });
});

describe('BedrockLlm responses from recorded fixtures', () => {
  const raw = (file: string) => ({ kind: 'raw' as const, status: 200, body: readAwsFixture(file) });

  it('reads the recorded InvokeModel Anthropic Messages response', async () => {
    server.script(raw('bedrock-invokemodel-anthropic-messages-response.json'));
    expect(await llm().generate(REQUEST)).toEqual({
      text: 'this is a test}',
      finishReason: 'stop',
      usage: { inputTokens: 13, outputTokens: 8 },
    });
  });

  it('reads the recorded Converse response of Claude 3 Haiku', async () => {
    server.script(raw('bedrock-converse-response-claude-3-haiku.json'));
    expect(await llm({ api: 'converse' }).generate(REQUEST)).toEqual({
      text: 'This is a test.',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 8 },
    });
  });

  it('reads a recorded Converse response whose usage has unknown cache and tool fields', async () => {
    server.script(raw('bedrock-converse-response-with-cache-usage.json'));
    const response = await llm({ api: 'converse' }).generate(REQUEST);
    expect(response.text).toBe(
      'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."',
    );
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({ inputTokens: 22, outputTokens: 57 });
  });

  it('maps stop_sequence to stop and an unknown stop reason to other', async () => {
    const recorded = JSON.parse(readAwsFixture('bedrock-invokemodel-anthropic-messages-response.json'));
    const body = (stop_reason: string) => ({
      kind: 'raw' as const,
      status: 200,
      body: JSON.stringify({ ...recorded, stop_reason }),
    });
    server.script(body('stop_sequence'), body('refusal'));
    expect((await llm().generate(REQUEST)).finishReason).toBe('stop');
    expect((await llm().generate(REQUEST)).finishReason).toBe('other');
  });

  it('fails without retrying on a body that is not JSON or has no content', async () => {
    server.script({ kind: 'raw', status: 200, body: '<html>proxy</html>' }, { kind: 'raw', status: 200, body: '{}' });
    const notJson = await expectDocentError(llm().generate(REQUEST), 'llm_failed');
    expect(notJson.message).toContain('not JSON');
    expect(notJson.retryable).toBe(false);
    const empty = await expectDocentError(llm().generate(REQUEST), 'llm_failed');
    expect(empty.message).toContain('no content');
    expect(server.requests).toHaveLength(2);
  });
});

describe('BedrockLlm options', () => {
  it('prices Claude 3 Haiku model and profile ids by default, other models only when told', () => {
    expect(llm().pricing).toEqual({ inputPerMillion: 0.25, outputPerMillion: 1.25 });
    expect(llm().pricing).toEqual(CLAUDE_3_HAIKU_PRICING);
    expect(llm({ modelId: 'eu.anthropic.claude-3-haiku-20240307-v1:0' }).pricing).toEqual(CLAUDE_3_HAIKU_PRICING);
    expect(llm({ modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0' }).pricing).toBeUndefined();
    const pricing = { inputPerMillion: 3, outputPerMillion: 15 };
    expect(llm({ modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', pricing }).pricing).toEqual(pricing);
  });

  it('defaults to Claude 3 Haiku over InvokeModel', async () => {
    server.script({ kind: 'reply', chunks: ['ok'], usage: USAGE });
    const gateway = llm();
    expect(gateway.id).toBe('bedrock:anthropic.claude-3-haiku-20240307-v1:0');
    await gateway.generate(REQUEST);
    expect(server.requests[0]?.path).toBe(`${HAIKU_PATH}/invoke`);
  });

  it('rejects an empty model id, an unknown api and bad numbers', async () => {
    await expectDocentError(() => llm({ modelId: ' ' }), 'validation_failed');
    await expectDocentError(() => llm({ api: 'chat' as 'invoke' }), 'validation_failed');
    await expectDocentError(() => llm({ maxRetries: -1 }), 'validation_failed');
    await expectDocentError(() => llm({ timeoutMs: 0 }), 'validation_failed');
    await expectDocentError(() => llm({ retryBaseDelayMs: 1.5 }), 'validation_failed');
  });
});
