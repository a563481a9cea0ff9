import { fileTooLarge, MAX_DOCUMENT_IDS, MAX_PAGE_LIMIT, MAX_QUESTION_CHARS, MAX_TOP_K } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedUpUser } from '../../test-support/api-client.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

const MAX_UPLOAD_BYTES = 4096;

let server: TestServer;
let alice: SignedUpUser;

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX_UPLOAD_BYTES });
  alice = await server.api.signUp();
});
afterAll(() => server.close());

const ask = (body: object) => server.api.request('POST', '/query/ask', { token: alice.token, json: body });

// Each limit is checked twice, by the HTTP schema and by the domain: both must name the same number.
describe('limits shared by the HTTP schema and the domain', () => {
  it('the API document declares the domain limits of a question', async () => {
    const openapi = (await server.api.request('GET', '/openapi.json')).body as any;
    const body = openapi.paths['/query/ask'].post.requestBody.content['application/json'].schema;
    expect(body.properties.question.maxLength).toBe(MAX_QUESTION_CHARS);
    expect(body.properties.documentIds.maxItems).toBe(MAX_DOCUMENT_IDS);
    expect(body.properties.topK.maximum).toBe(MAX_TOP_K);
  });

  it('accepts a question of exactly the limit and refuses one character more, naming the limit', async () => {
    expect((await ask({ question: 'q'.repeat(MAX_QUESTION_CHARS) })).status).toBe(200);
    const over = await ask({ question: 'q'.repeat(MAX_QUESTION_CHARS + 1) });
    expect(over.status).toBe(400);
    expect(over.body.error.message).toContain(String(MAX_QUESTION_CHARS));
  });

  it('accepts page sizes 1 to the domain maximum and nothing beyond', async () => {
    const list = (limit: number) => server.api.request('GET', `/documents?limit=${limit}`, { token: alice.token });
    const statuses = await Promise.all([1, 9, 10, MAX_PAGE_LIMIT, 0, MAX_PAGE_LIMIT + 1].map(list));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200, 200, 400, 400]);
  });

  it('words an over-limit upload like the domain, whichever layer stops it', async () => {
    const response = await server.api.upload(alice.token, 'big.txt', new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(97));
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe(fileTooLarge(MAX_UPLOAD_BYTES).message);
  });
});
