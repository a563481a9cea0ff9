import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { AnswerDraft, Answerer, AnswerOptions, AnswerRequest, Resolver } from '@docent/domain';
import { TOKENS } from '@docent/domain';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, readAwsFixture } from '../test-support/aws-fixtures.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { createTestContainer } from '../test-support/test-container.ts';
import { buildLambdaApp } from './lambda-app.ts';
import { createObservability } from './observability.ts';
import { createStreamHandler } from './stream-handler.ts';
import { preludeStreamingRuntime } from './streaming-runtime.ts';

const README = new Uint8Array(
  readFileSync(path.resolve(import.meta.dirname, '../../../../shared/qa-dev/docs/zstd-README.md')),
);

/**
 * Quotes the best passage in two pieces and holds the second back until `release`: what a model
 * does while it is still generating.
 */
class GatedAnswerer implements Answerer {
  readonly id = 'gated-test';
  #release: () => void = () => undefined;
  readonly #gate = new Promise<void>((resolve) => {
    this.#release = resolve;
  });

  release(): void {
    this.#release();
  }

  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    const passage = request.passages[0];
    if (passage === undefined) throw new Error('no passage');
    const quote = passage.text.slice(0, 60);
    options.onText?.(quote.slice(0, 30));
    await this.#gate;
    options.onText?.(`${quote.slice(30)} [1]`);
    return {
      text: `${quote} [1]`,
      abstained: false,
      citations: [{ passageIndex: passage.index, marker: 1, start: 0, end: quote.length }],
    };
  }
}

/** What the client of the Function URL receives: the runtime's prelude, then the body. */
const collect = (stream: PassThrough) => {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = () => Buffer.concat(chunks);
  return {
    text: () => bytes().toString('utf8'),
    response() {
      const all = bytes();
      const end = all.indexOf(Buffer.alloc(8));
      return {
        metadata: JSON.parse(all.subarray(0, end).toString('utf8')),
        body: all.subarray(end + 8).toString('utf8'),
      };
    },
  };
};

const sseEvents = (body: string) =>
  body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/mu.exec(block)?.[1];
      const data = /^data: (.*)$/mu.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) };
    });

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const setUp = async () => {
  const answerer = new GatedAnswerer();
  const observability = createObservability();
  const { container } = createTestContainer({ answerer, metrics: observability.business });
  const resolver = container as Resolver;
  const credentials = { email: 'stream@example.com', password: 'Stream1234' };
  await resolver.get(TOKENS.RegisterUser).execute(credentials);
  const session = await resolver.get(TOKENS.LogIn).execute(credentials);
  const principal = { userId: session.user.id, email: session.user.email };
  await resolver.get(TOKENS.UploadDocument).execute(principal, { name: 'zstd-README.md', bytes: README });
  await resolver.get(TOKENS.JobRunner).runNext();
  const app = await buildLambdaApp(resolver);
  const handler = createStreamHandler(preludeStreamingRuntime, {
    app: async () => app,
    observability,
  });
  const recorded = await readAwsFixture<LambdaFunctionURLEvent>('lambda-function-url-v2-base64-body.json');
  /** The recorded Function URL event, sent to another path with other headers and a base64 JSON body. */
  const event = (rawPath: string, headers: Record<string, string>, json?: unknown): LambdaFunctionURLEvent => ({
    ...recorded,
    rawPath,
    headers: { host: recorded.headers.host ?? '', ...headers },
    ...(json === undefined ? { body: '' } : { body: Buffer.from(JSON.stringify(json)).toString('base64') }),
    requestContext: {
      ...recorded.requestContext,
      http: { ...recorded.requestContext.http, method: json === undefined ? 'GET' : 'POST', path: rawPath },
    },
  });
  return { answerer, handler, event, token: session.token };
};

describe('stream handler (Function URL, RESPONSE_STREAM)', () => {
  it('sends the `token` events of POST /query/ask while the answer is still being generated', async () => {
    const { answerer, handler, event, token } = await setUp();
    const responseStream = new PassThrough();
    const received = collect(responseStream);
    const ask = event(
      '/query/ask',
      { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      { question: 'What is Zstandard?' },
    );
    const done = handler(ask, responseStream, lambdaContext('stream-1'));

    // The first piece reaches the client while the answerer is blocked: nothing is buffered.
    await vi.waitFor(() => expect(received.text()).toContain('event: token'), { timeout: 3000 });
    expect(received.text()).not.toContain('event: answer');
    answerer.release();
    await done;

    const { metadata, body } = received.response();
    expect(metadata.statusCode).toBe(200);
    expect(metadata.headers['content-type']).toMatch(/^text\/event-stream/u);
    const events = sseEvents(body);
    expect(events.filter((e) => e.event === 'token')).toHaveLength(2);
    expect(events.at(-1)?.event).toBe('answer');
    expect(events.at(-1)?.data.answer).toEqual(expect.any(String));
    expect(output.metric('QuestionsAsked')).toBe(1);
    const logged = output.json().find((line) => line.message === 'Request streamed');
    expect(logged).toMatchObject({
      method: 'POST',
      path: '/query/ask',
      statusCode: 200,
      function_request_id: 'stream-1',
    });
  });

  it('sends any other route in one piece, with its status in the prelude', async () => {
    const { handler, event } = await setUp();
    const responseStream = new PassThrough();
    const received = collect(responseStream);
    await handler(event('/health', { accept: 'application/json' }), responseStream, lambdaContext('stream-2'));
    const { metadata, body } = received.response();
    expect(metadata.statusCode).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
  });

  it('answers a question without a token with the JSON 401, and counts nothing', async () => {
    const { handler, event } = await setUp();
    const responseStream = new PassThrough();
    const received = collect(responseStream);
    const ask = event(
      '/query/ask',
      { 'content-type': 'application/json', accept: 'text/event-stream' },
      { question: 'x' },
    );
    await handler(ask, responseStream, lambdaContext('stream-3'));
    const { metadata, body } = received.response();
    expect(metadata.statusCode).toBe(401);
    expect(JSON.parse(body).error.code).toBe('unauthorized');
    expect(output.metric('QuestionsAsked')).toBeUndefined();
  });
});
