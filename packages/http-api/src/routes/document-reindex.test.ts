import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test-support/expect-error.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const statusOf = async (token: string, id: string) =>
  (await server.api.request('GET', `/documents/${id}`, { token })).body.document.status;

describe('POST /documents/reindex', () => {
  it("re-queues the caller's finished documents only, and they come back ready", async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const bob = await api.signUp();
    const ready: string = (await api.upload(alice.token, 'xz.txt', 'The default preset of xz is six.')).body.document
      .id;
    const failed: string = (await api.upload(alice.token, 'blank.txt', ' \n\n \t ')).body.document.id;
    const bobs: string = (await api.upload(bob.token, 'zstd.txt', 'zstd offers levels 1 to 19.')).body.document.id;
    await docent.drainJobs();
    const pending: string = (await api.upload(alice.token, 'later.txt', 'Not processed yet.')).body.document.id;

    const response = await api.request('POST', '/documents/reindex', { token: alice.token });

    expect(response.status).toBe(202);
    expect(response.body.skipped).toBe(1);
    expect(response.body.documents.map((d: { id: string }) => d.id).sort()).toEqual([failed, ready].sort());
    expect(response.body.documents.every((d: { status: string }) => d.status === 'uploaded')).toBe(true);
    expect(await statusOf(bob.token, bobs)).toBe('ready');
    expect(await statusOf(alice.token, pending)).toBe('uploaded');
    await docent.drainJobs();
    expect(await statusOf(alice.token, ready)).toBe('ready');
    expect(await statusOf(alice.token, failed)).toBe('failed');
  });

  it('needs a token', async () => {
    expectError(await server.api.request('POST', '/documents/reindex'), 401, 'unauthorized');
  });
});
