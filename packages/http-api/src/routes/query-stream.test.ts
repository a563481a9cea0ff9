import {
  type AnswerDraft,
  type Answerer,
  type AnswerOptions,
  type AnswerRequest,
  DocentError,
  ExtractiveAnswerer,
} from '@docent/domain';
import { parseEventStream } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { expectError } from '../../test-support/expect-error.ts';
import { readQaDevDocument } from '../../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

/**
 * Quotes the first sentence of the best passage in three pieces, with a [1] marker, and reports
 * model usage: what a generating answerer does, without a model. `failAfterFirstPiece` makes it
 * fail midway, as a model that drops the connection would.
 */
class PiecewiseAnswerer implements Answerer {
  readonly id = 'piecewise-test';
  failAfterFirstPiece = false;

  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    const passage = request.passages[0];
    if (passage === undefined) throw new Error('no passage');
    const end = Math.max(passage.text.indexOf('.') + 1, Math.min(passage.text.length, 60));
    const quote = passage.text.slice(0, end);
    const third = Math.ceil(quote.length / 3);
    const pieces = [quote.slice(0, third), quote.slice(third, 2 * third), `${quote.slice(2 * third)} [1]`];
    for (const [i, piece] of pieces.entries()) {
      options.onText?.(piece);
      if (i === 0 && this.failAfterFirstPiece) {
        throw new DocentError('llm_failed', 'The model server went away', { retryable: true });
      }
    }
    return {
      text: pieces.join(''),
      abstained: false,
      citations: [{ passageIndex: passage.index, marker: 1, start: 0, end }],
      usage: { model: this.id, inputTokens: 1000, outputTokens: 200, costUsd: 0.0005 },
    };
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (answerer: Answerer) => {
  server = await startTestServer({ answerer });
  const user = await server.api.signUp();
  await server.api.upload(user.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'));
  await server.docent.drainJobs();
  const ask = (json: unknown, headers: Record<string, string> = {}) =>
    (server as TestServer).api.request('POST', '/query/ask', { token: user.token, json, headers });
  const streamed = (json: unknown) => ask(json, { accept: 'text/event-stream' });
  return { api: server.api, token: user.token, ask, streamed };
};

const QUESTION = { question: 'Can I charge a reasonable copying fee for distribution of this Package?' };

describe('POST /query/ask as server-sent events', () => {
  it('streams the text as token events, then the whole answer', async () => {
    const { streamed, ask } = await start(new PiecewiseAnswerer());
    const response = await streamed(QUESTION);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const events = parseEventStream(response.body as string);
    const tokens = events.filter((e) => e.event === 'token');
    expect(tokens).toHaveLength(3);
    expect(events.map((e) => e.event)).toEqual(['token', 'token', 'token', 'answer']);
    const final = events[3]?.data;
    expect(tokens.map((e) => e.data.text).join('')).toBe(final.answer);
    expect(final).toMatchObject({
      abstained: false,
      citations: [{ marker: 1, documentName: 'Artistic.txt' }],
      usage: { model: 'piecewise-test', inputTokens: 1000, outputTokens: 200, costUsd: 0.0005 },
      conversationId: expect.any(String),
    });
    // The JSON mode answers the same question with the same body shape.
    const json = await ask(QUESTION);
    expect(Object.keys(json.body as object).sort()).toEqual(Object.keys(final).sort());
  });

  it('streams the extractive answer as one token event and marks an abstention', async () => {
    const { streamed } = await start(new ExtractiveAnswerer());
    const events = parseEventStream((await streamed(QUESTION)).body as string);
    expect(events.map((e) => e.event)).toEqual(['token', 'answer']);
    expect(events[0]?.data.text).toBe(events[1]?.data.answer);
    const abstained = parseEventStream(
      (await streamed({ question: 'What does the GNU Affero licence say about network use?' })).body as string,
    );
    expect(abstained.at(-1)?.data).toMatchObject({ abstained: true, answer: 'Not found in your documents.' });
  });

  it('rejects a bad question with an ordinary JSON error before any event', async () => {
    const { streamed } = await start(new PiecewiseAnswerer());
    expectError(await streamed({ question: 'ok', topK: 0 }), 400, 'validation_failed');
    expectError(await streamed({ question: 'ok', documentIds: ['nope'] }), 404, 'document_not_found');
  });

  it('ends with an error event when the answer fails midway', async () => {
    const answerer = new PiecewiseAnswerer();
    answerer.failAfterFirstPiece = true;
    const { streamed } = await start(answerer);
    const response = await streamed(QUESTION);
    expect(response.status).toBe(200);
    const events = parseEventStream(response.body as string);
    expect(events.map((e) => e.event)).toEqual(['token', 'error']);
    expect(events[1]?.data.error).toMatchObject({ code: 'llm_failed', retryable: true, requestId: expect.any(String) });
  });
});

describe('conversations and usage over HTTP', () => {
  it('rewrites a follow-up, keeps the conversation in history and sums usage in the profile', async () => {
    const { ask, api, token } = await start(new PiecewiseAnswerer());
    const first = await ask({ question: 'Can I charge a fee for distributing the Package?' });
    const { conversationId } = first.body as { conversationId: string };
    expect(first.body).not.toHaveProperty('standaloneQuestion');
    const followUp = await ask({ question: 'And for support?', conversationId });
    expect(followUp.body).toMatchObject({
      conversationId,
      standaloneQuestion: expect.stringContaining('Can I charge a fee for distributing the Package?'),
    });
    const other = await ask({ question: 'What is the Standard Version?' });
    expect((other.body as { conversationId: string }).conversationId).not.toBe(conversationId);

    const history = await api.request('GET', '/query/history', { token });
    const entries = (history.body as { entries: Array<Record<string, unknown>> }).entries;
    expect(entries.map((e) => e.conversationId)).toEqual([
      (other.body as { conversationId: string }).conversationId,
      conversationId,
      conversationId,
    ]);
    expect(entries[1]).toMatchObject({ question: 'And for support?', standaloneQuestion: expect.any(String) });
    expect(entries[1]?.usage).toEqual({
      model: 'piecewise-test',
      inputTokens: 1000,
      outputTokens: 200,
      costUsd: 0.0005,
    });

    const profile = await api.request('GET', '/auth/profile', { token });
    expect((profile.body as { usage: unknown }).usage).toEqual({
      questions: 3,
      inputTokens: 3000,
      outputTokens: 600,
      costUsd: expect.closeTo(0.0015, 10),
    });
  });
});
