import type { AnswerDraft, Answerer, AnswerRequest } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SignedUpUser } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { readQaDevDocument } from '../../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
let alice: SignedUpUser;
const texts = new Map<string, string>();
let artisticId: string;
let cc0Id: string;

beforeAll(async () => {
  server = await startTestServer();
  const { api, docent } = server;
  alice = await api.signUp();
  artisticId = (await api.upload(alice.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'))).body.document.id;
  cc0Id = (await api.upload(alice.token, 'CC0-1.0.txt', readQaDevDocument('CC0-1.0.txt'))).body.document.id;
  await docent.drainJobs();
  for (const id of [artisticId, cc0Id]) {
    texts.set(id, (await api.request('GET', `/documents/${id}/text`, { token: alice.token })).body.text);
  }
});
afterAll(() => server.close());

const ask = (json: unknown, token = alice.token) => server.api.request('POST', '/query/ask', { token, json });

describe('POST /query/ask', () => {
  it('answers with citations and sources that quote the documents exactly', async () => {
    const response = await ask({
      question: 'Can I charge a reasonable copying fee for distribution of this Package?',
    });
    expect(response.status).toBe(200);
    const { body } = response;
    expect(Object.keys(body).sort()).toEqual([
      'abstained',
      'answer',
      'citations',
      'conversationId',
      'sources',
      'timings',
    ]);
    expect(body.abstained).toBe(false);
    expect(body.citations.length).toBeGreaterThan(0);
    for (const citation of body.citations) {
      expect(citation.documentName).toBe(citation.documentId === artisticId ? 'Artistic.txt' : 'CC0-1.0.txt');
      expect(texts.get(citation.documentId)?.slice(citation.charStart, citation.charEnd)).toBe(citation.quote);
    }
    expect(body.sources[0].documentId).toBe(artisticId);
    body.sources.forEach((source: Record<string, unknown> & { documentId: string; text: string }, i: number) => {
      expect(source.rank).toBe(i + 1);
      expect(texts.get(source.documentId)?.slice(Number(source.charStart), Number(source.charEnd))).toBe(source.text);
      expect(typeof source.chunkId).toBe('string');
    });
    for (const key of ['retrievalMs', 'answerMs', 'totalMs']) expect(body.timings[key]).toBeGreaterThanOrEqual(0);
  });

  it('limits sources to topK and to the chosen documents', async () => {
    const question = 'May I distribute copies of the work?';
    expect((await ask({ question, topK: 1 })).body.sources).toHaveLength(1);
    const onlyCc0 = await ask({ question, documentIds: [cc0Id], topK: 50 });
    expect(onlyCc0.status).toBe(200);
    expect(onlyCc0.body.sources.length).toBeGreaterThan(0);
    expect(new Set(onlyCc0.body.sources.map((s: { documentId: string }) => s.documentId))).toEqual(new Set([cc0Id]));
  });

  it('refuses unknown documents and invalid questions', async () => {
    expectError(await ask({ question: 'anything', documentIds: ['unknown'] }), 404, 'document_not_found');
    for (const json of [
      {},
      { question: '' },
      { question: '   ' },
      { question: 'x'.repeat(4001) },
      { question: 42 },
      { question: 'ok', topK: 0 },
      { question: 'ok', topK: 51 },
      { question: 'ok', topK: '5' },
      { question: 'ok', topK: 2.5 },
      { question: 'ok', documentIds: cc0Id },
      { question: 'ok', documentIds: [7] },
      { question: 'ok', extra: true },
      { question: 'ok', conversationId: '' },
      { question: 'ok', conversationId: 'has space' },
      { question: 'ok', conversationId: 'x'.repeat(101) },
      ['question'],
    ]) {
      expectError(await ask(json), 400, 'validation_failed');
    }
  });
});

const search = (json: unknown, token = alice.token) => server.api.request('POST', '/query/search', { token, json });
const QUERY = 'Can I charge a reasonable copying fee for distribution of this Package?';

describe('POST /query/search', () => {
  it('returns the sources an answer would rank, and records nothing in the history', async () => {
    const questions = async () =>
      (await server.api.request('GET', '/query/history?limit=100', { token: alice.token })).body.entries.map(
        (e: { question: string }) => e.question,
      );
    const before = await questions();
    const found = await search({ query: QUERY, topK: 3 });
    expect(found.status).toBe(200);
    expect(Object.keys(found.body)).toEqual(['sources']);
    const asked = await server.api.request('POST', '/query/ask', {
      token: alice.token,
      json: { question: QUERY, topK: 3 },
    });
    // The same retrieval as ask, presented alike: the ask's sources are exactly the search's results.
    expect(found.body.sources).toEqual(asked.body.sources);
    expect(found.body.sources[0]).toMatchObject({ rank: 1, documentId: artisticId, documentName: 'Artistic.txt' });

    // Only the ask was recorded.
    expect(await questions()).toEqual([QUERY, ...before]);
  });

  it('limits results to the chosen documents and refuses bad bodies, unknown documents and strangers', async () => {
    const onlyCc0 = await search({ query: 'May I distribute copies of the work?', documentIds: [cc0Id], topK: 50 });
    expect(onlyCc0.body.sources.length).toBeGreaterThan(0);
    expect(new Set(onlyCc0.body.sources.map((s: { documentId: string }) => s.documentId))).toEqual(new Set([cc0Id]));

    expectError(await search({ query: 'anything', documentIds: ['unknown'] }), 404, 'document_not_found');
    for (const json of [{}, { query: '' }, { question: 'ok' }, { query: 'ok', topK: 51 }, { query: 'ok', extra: 1 }]) {
      expectError(await search(json), 400, 'validation_failed');
    }
    const bob = await server.api.signUp();
    expectError(await search({ query: 'fee', documentIds: [artisticId] }, bob.token), 404, 'document_not_found');
    expectError(await server.api.request('POST', '/query/search', { json: { query: 'fee' } }), 401, 'unauthorized');
  });
});

describe('GET /query/history', () => {
  it('lists what the caller asked, newest first, page by page', async () => {
    const { api } = server;
    const bob = await api.signUp();
    await api.upload(bob.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'));
    await server.docent.drainJobs();
    const questions = ['Who may charge a fee?', 'What is the Standard Version?', 'Can I sell the package?'];
    for (const question of questions) expect((await ask({ question }, bob.token)).status).toBe(200);

    const first = await api.request('GET', '/query/history?limit=2', { token: bob.token });
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { question: string }) => e.question)).toEqual([questions[2], questions[1]]);
    expect(Object.keys(first.body.entries[0])).not.toContain('ownerId');
    expect(first.body.entries[0]).toMatchObject({ id: expect.any(String), answer: expect.any(String) });
    const second = await api.request(
      'GET',
      `/query/history?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      {
        token: bob.token,
      },
    );
    expect(second.body.entries.map((e: { question: string }) => e.question)).toEqual([questions[0]]);
    expect(second.body.nextCursor).toBeNull();
  });
});

/** An abortable answerer that waits until its request is aborted, then fails as abortable gateways do. */
class AbortWaitingAnswerer implements Answerer {
  readonly id = 'abort-waiting';
  readonly signals: Array<AbortSignal | undefined> = [];
  readonly #entered = Promise.withResolvers<void>();

  /** Resolves when a call reaches the answerer. */
  get entered(): Promise<void> {
    return this.#entered.promise;
  }

  async answer(_request: AnswerRequest, options: { signal?: AbortSignal } = {}): Promise<AnswerDraft> {
    const { signal } = options;
    this.signals.push(signal);
    this.#entered.resolve();
    if (signal === undefined) throw new Error('the use case was given no AbortSignal');
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    throw signal.reason;
  }
}

describe('a client that goes away', () => {
  it('aborts the question it was waiting for', async () => {
    const gate = new AbortWaitingAnswerer();
    const gated = await startTestServer({ answerer: gate });
    try {
      const { api, docent } = gated;
      const carol = await api.signUp();
      await api.upload(carol.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'));
      await docent.drainJobs();
      const controller = new AbortController();
      const pending = api.request('POST', '/query/ask', {
        token: carol.token,
        json: { question: 'Can I charge a fee?' },
        signal: controller.signal,
      });
      await gate.entered;
      expect(gate.signals[0]?.aborted).toBe(false);
      controller.abort();
      await expect(pending).rejects.toThrow();
      await vi.waitFor(() => expect(gate.signals[0]?.aborted).toBe(true));
      expect((await api.request('GET', '/health')).status).toBe(200);
      expect((await api.request('GET', '/query/history', { token: carol.token })).body.entries).toEqual([]);
    } finally {
      await gated.close();
    }
  });
});
