import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('uploaded file names', () => {
  it('drops bidi controls, so a right-to-left override cannot make txt.exe display as exe.txt', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const upload = await api.upload(alice.token, 'invoice\u202etxt.exe\u2066.txt', 'plain words');
    expect(upload.status).toBe(202);
    expect(upload.body.document.name).toBe('invoicetxt.exe.txt');
    const shown = await api.request('GET', `/documents/${upload.body.document.id}`, { token: alice.token });
    expect(shown.body.document.name).toBe('invoicetxt.exe.txt');
  });

  it('keeps right-to-left letters, dropping only the invisible marks around them', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const upload = await api.upload(alice.token, '\u200fتقرير\u200e.txt', 'other words');
    expect(upload.body.document.name).toBe('تقرير.txt');
  });
});
