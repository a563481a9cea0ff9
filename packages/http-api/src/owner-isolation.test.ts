import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedUpUser } from '../test-support/api-client.ts';
import { expectError } from '../test-support/expect-error.ts';
import { readQaDevDocument } from '../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const QUESTION = 'Can I charge a reasonable copying fee for distribution of this Package?';
const idsOf = (items: Array<{ documentId?: string; id?: string }>) => items.map((item) => item.documentId ?? item.id);

describe("another user's document", () => {
  let alice: SignedUpUser;
  let bob: SignedUpUser;
  let aliceDocId: string;
  let aliceText: string;

  beforeAll(async () => {
    const { api, docent } = server;
    alice = await api.signUp();
    bob = await api.signUp();
    aliceDocId = (await api.upload(alice.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'))).body.document.id;
    await api.upload(bob.token, 'CC0-1.0.txt', readQaDevDocument('CC0-1.0.txt'));
    await docent.drainJobs();
    aliceText = (await api.request('GET', `/documents/${aliceDocId}/text`, { token: alice.token })).body.text;
    expect((await api.request('POST', '/query/ask', { token: alice.token, json: { question: QUESTION } })).status).toBe(
      200,
    );
  });

  it('is 404 on every route, exactly like an unknown id', async () => {
    const { api } = server;
    for (const [method, path, json] of [
      ['GET', `/documents/${aliceDocId}`],
      ['GET', `/documents/${aliceDocId}/text`],
      ['DELETE', `/documents/${aliceDocId}`],
      ['POST', '/query/ask', { question: QUESTION, documentIds: [aliceDocId] }],
    ] as const) {
      const response = await api.request(method, path, { token: bob.token, ...(json ? { json } : {}) });
      expectError(response, 404, 'document_not_found');
    }
  });

  it('is absent from lists, sources, citations and history', async () => {
    const { api } = server;
    const list = await api.request('GET', '/documents?limit=100', { token: bob.token });
    expect(idsOf(list.body.documents)).not.toContain(aliceDocId);
    const answer = await api.request('POST', '/query/ask', {
      token: bob.token,
      json: { question: QUESTION, topK: 50 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.sources.length).toBeGreaterThan(0);
    expect([...idsOf(answer.body.sources), ...idsOf(answer.body.citations)]).not.toContain(aliceDocId);
    const history = await api.request('GET', '/query/history?limit=100', { token: bob.token });
    expect(history.body.entries).toHaveLength(1);
    expect(idsOf(history.body.entries.flatMap((e: { citations: [] }) => e.citations))).not.toContain(aliceDocId);
  });

  it('stays intact for its owner, and the same bytes make a separate document for another user', async () => {
    const { api } = server;
    const again = await api.upload(bob.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'));
    expect(again.status).toBe(202);
    expect(again.headers.get('x-docent-deduplicated')).toBeNull();
    expect(again.body.document.id).not.toBe(aliceDocId);
    const mine = await api.request('GET', `/documents/${aliceDocId}`, { token: alice.token });
    expect(mine.body.document.status).toBe('ready');
    const text = await api.request('GET', `/documents/${aliceDocId}/text`, { token: alice.token });
    expect(text.body.text).toBe(aliceText);
    expect((await api.request('GET', '/query/history', { token: alice.token })).body.entries).toHaveLength(1);
  });
});

const WORDS = ['licence', 'fee', 'copy', 'package', 'distribute', 'source', 'binary', 'author', 'warranty', 'notice'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 12 }).map((w) => `${w.join(' ')}.`);
const scenario = fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 });

describe('owner isolation (property)', () => {
  it('no user ever sees an id of another user in lists, answers or history', async () => {
    const { api, docent } = server;
    await fc.assert(
      fc.asyncProperty(scenario, sentence, async (documentsPerUser, question) => {
        const users = await Promise.all(documentsPerUser.map(() => api.signUp()));
        const owned = new Map<string, Set<string>>();
        for (const [i, texts] of documentsPerUser.entries()) {
          const user = users[i] as SignedUpUser;
          owned.set(user.token, new Set());
          for (const [j, text] of texts.entries()) {
            const uploaded = await api.upload(user.token, `doc-${j}.txt`, text);
            owned.get(user.token)?.add(uploaded.body.document.id);
          }
        }
        await docent.drainJobs();
        for (const user of users) {
          const mine = owned.get(user.token) ?? new Set();
          const list = await api.request('GET', '/documents?limit=100', { token: user.token });
          const answer = await api.request('POST', '/query/ask', { token: user.token, json: { question, topK: 50 } });
          const history = await api.request('GET', '/query/history', { token: user.token });
          const seen = [
            ...idsOf(list.body.documents),
            ...idsOf(answer.body.sources),
            ...idsOf(answer.body.citations),
            ...idsOf(history.body.entries.flatMap((e: { citations: [] }) => e.citations)),
          ];
          expect(new Set(idsOf(list.body.documents))).toEqual(mine);
          for (const id of seen) expect(mine.has(id as string)).toBe(true);
          for (const other of users.filter((u) => u !== user)) {
            for (const id of owned.get(other.token) ?? []) {
              expectError(
                await api.request('GET', `/documents/${id}`, { token: user.token }),
                404,
                'document_not_found',
              );
            }
          }
        }
      }),
      { numRuns: 8 },
    );
  });
});
