import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedUpUser } from '../test-support/api-client.ts';
import { expectError } from '../test-support/expect-error.ts';
import { readQaDevDocument } from '../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
let alice: SignedUpUser;
let artisticId: string;
let cc0Id: string;

beforeAll(async () => {
  server = await startTestServer();
  const { api, docent } = server;
  alice = await api.signUp();
  artisticId = (await api.upload(alice.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'))).body.document.id;
  cc0Id = (await api.upload(alice.token, 'CC0-1.0.txt', readQaDevDocument('CC0-1.0.txt'))).body.document.id;
  await docent.drainJobs();
});
afterAll(() => server.close());

const search = (json: unknown, token = alice.token) => server.api.request('POST', '/query/search', { token, json });
const QUERY = 'Can I charge a reasonable copying fee for distribution of this Package?';

describe('POST /query/search', () => {
  it('returns the sources an answer would rank, and records nothing in the history', async () => {
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

    const history = await server.api.request('GET', '/query/history', { token: alice.token });
    expect(history.body.entries.map((e: { question: string }) => e.question)).toEqual([QUERY]);
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
