import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('auth routes', () => {
  it('registers (202), logs in (200) and shows the profile', async () => {
    const { api } = server;
    const email = `Ada.${Date.now()}@Example.com`;
    const registered = await api.request('POST', '/auth/register', { json: { email, password: TEST_PASSWORD } });
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ next: 'sign_in', message: expect.any(String) });

    const login = await api.request('POST', '/auth/login', { json: { email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body.user).sort()).toEqual(['createdAt', 'email', 'id']);
    expect(login.body).toMatchObject({ token: expect.any(String), user: { email: email.toLowerCase() } });
    expect(Date.parse(login.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(login.headers.get('cache-control')).toBe('no-store');

    const profile = await api.request('GET', '/auth/profile', { token: login.body.token });
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({
      ...login.body.user,
      documentCount: 0,
      usage: { questions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    });
  });

  it('counts the documents in the profile', async () => {
    const { api } = server;
    const alice = await api.signUp();
    await api.upload(alice.token, 'a.txt', 'first document');
    await api.upload(alice.token, 'b.txt', 'second document');
    const profile = await api.request('GET', '/auth/profile', { token: alice.token });
    expect(profile.body.documentCount).toBe(2);
  });

  it('logs out (204) and the token stops working', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const logout = await api.request('POST', '/auth/logout', {
      token: alice.token,
      headers: { 'content-type': 'application/json' },
    });
    expect(logout.status).toBe(204);
    expect(logout.body).toBeNull();
    expectError(await api.request('GET', '/auth/profile', { token: alice.token }), 401, 'unauthorized');
    expectError(await api.request('POST', '/auth/logout', { token: alice.token }), 401, 'unauthorized');
  });

  it('answers a taken email exactly as a new one, and the old password still signs in', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const fresh = await api.request('POST', '/auth/register', {
      json: { email: `fresh.${Date.now()}@example.com`, password: TEST_PASSWORD },
    });
    const taken = await api.request('POST', '/auth/register', {
      json: { email: alice.email.toUpperCase(), password: 'Another-Pass-2' },
    });
    expect([taken.status, taken.body]).toEqual([fresh.status, fresh.body]);
    expect(taken.headers.get('content-length')).toBe(fresh.headers.get('content-length'));
    expectError(
      await api.request('POST', '/auth/login', { json: { email: alice.email, password: 'Another-Pass-2' } }),
      401,
      'invalid_credentials',
    );
    const login = await api.request('POST', '/auth/login', { json: { email: alice.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
  });

  it('refuses a weak password, a malformed email (400) and wrong credentials (401)', async () => {
    const { api } = server;
    const alice = await api.signUp();
    expectError(
      await api.request('POST', '/auth/register', { json: { email: 'weak@example.com', password: 'short' } }),
      400,
      'weak_password',
    );
    for (const email of ['not-an-email', '<script>@x.com', 'ada\u0000@example.com']) {
      expectError(
        await api.request('POST', '/auth/register', { json: { email, password: TEST_PASSWORD } }),
        400,
        'validation_failed',
      );
    }
    const wrong = await api.request('POST', '/auth/login', { json: { email: alice.email, password: 'Wrong-Pass-1' } });
    const unknown = await api.request('POST', '/auth/login', {
      json: { email: 'nobody@example.com', password: TEST_PASSWORD },
    });
    expectError(wrong, 401, 'invalid_credentials');
    expectError(unknown, 401, 'invalid_credentials');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('requires a well-formed bearer token on protected routes', async () => {
    const { api } = server;
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic dXNlcjpwYXNz',
      'Bearer not a token',
      'Bearer unknown-token',
    ]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const response = await api.request('GET', '/auth/profile', { headers });
      expectError(response, 401, 'unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });
});
