import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CookieJar, driveOidcLogin, freePort, type OidcTestProvider, startOidcTestProvider } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type LocalServer, startLocalServer } from './server.ts';

const PASSWORD = 'Correct-Horse-9';

// The whole chain as composed for `docent serve`: the HTTP routes, the openid-client adapter, a
// real OpenID Provider and the SQLite identity store.
describe('sign-in with an OpenID provider on the local server', () => {
  let dataDir: string;
  let provider: OidcTestProvider;
  let server: LocalServer;
  let appUrl: string;

  beforeAll(async () => {
    appUrl = `http://127.0.0.1:${await freePort()}`;
    provider = await startOidcTestProvider({
      redirectUri: `${appUrl}/auth/oidc/callback`,
      accounts: {
        ada: { email: 'Ada@Example.com', email_verified: true },
        bob: { email: 'bob@example.com', email_verified: true },
        eve: { email: 'eve@example.com', email_verified: false },
      },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-oidc-'));
    const config = loadConfig(
      {
        PORT: new URL(appUrl).port,
        DOCENT_EMBEDDER: 'hashing',
        DOCENT_LOG_LEVEL: 'silent',
        DOCENT_API_DOCS: 'false',
        DOCENT_WEB: 'false',
        DOCENT_OIDC_ISSUER: provider.issuer,
        DOCENT_OIDC_CLIENT_ID: provider.clientId,
        DOCENT_OIDC_CLIENT_SECRET: provider.clientSecret,
        DOCENT_OIDC_REDIRECT_URI: `${appUrl}/auth/oidc/callback`,
        DOCENT_OIDC_NAME: 'Test ID',
        DOCENT_OIDC_ALLOW_HTTP: 'true',
      },
      dataDir,
    );
    server = await startLocalServer(config);
  });

  afterAll(async () => {
    await server?.close();
    await provider?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${appUrl}${route}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  /** Clicks "Sign in with Test ID" and signs in at the provider: the app's `/#/oidc?...` parameters. */
  const signInAs = async (login: string): Promise<URLSearchParams> => {
    const jar = new CookieJar();
    const callback = await driveOidcLogin(`${appUrl}/auth/oidc/login`, {
      login,
      until: `${appUrl}/auth/oidc/callback`,
      jar,
    });
    const response = await fetch(callback, { redirect: 'manual', headers: { cookie: jar.header() ?? '' } });
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/#\/oidc\?/u);
    return new URLSearchParams(location.slice('/#/oidc?'.length));
  };

  it('offers the provider by name', async () => {
    expect(await api('GET', '/auth/oidc/config')).toEqual({ status: 200, body: { enabled: true, name: 'Test ID' } });
  });

  it('opens the existing password account of the verified email, whose password keeps working', async () => {
    const registered = await api('POST', '/auth/register', { email: 'ada@example.com', password: PASSWORD });
    expect(registered.status).toBe(202);
    const before = await api('POST', '/auth/login', { email: 'ada@example.com', password: PASSWORD });
    const code = (await signInAs('ada')).get('code') ?? '';
    const session = await api('POST', '/auth/oidc/session', { code });
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual(before.body.user);
    const login = await api('POST', '/auth/login', { email: 'ada@example.com', password: PASSWORD });
    expect(login.body.user).toEqual(before.body.user);
  });

  it('creates a password-less account for a new verified email', async () => {
    const session = await api('POST', '/auth/oidc/session', { code: (await signInAs('bob')).get('code') });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe('bob@example.com');
    const profile = await fetch(`${appUrl}/auth/profile`, {
      headers: { authorization: `Bearer ${session.body.token}` },
    });
    expect(await profile.json()).toMatchObject({ id: session.body.user.id, email: 'bob@example.com' });
    const again = await api('POST', '/auth/oidc/session', { code: (await signInAs('bob')).get('code') });
    expect(again.body.user).toEqual(session.body.user);
    const login = await api('POST', '/auth/login', { email: 'bob@example.com', password: PASSWORD });
    expect(login.body.error.code).toBe('invalid_credentials');
    // Registering the taken email answers as usual but sets no password on the provider's account.
    expect((await api('POST', '/auth/register', { email: 'bob@example.com', password: PASSWORD })).status).toBe(202);
    const after = await api('POST', '/auth/login', { email: 'bob@example.com', password: PASSWORD });
    expect(after.body.error.code).toBe('invalid_credentials');
  });

  it('refuses an unverified email and creates no account for it', async () => {
    const back = await signInAs('eve');
    expect(back.get('error')).toBe('oidc_email_unverified');
    expect(back.get('message')).toMatch(/Test ID has not verified/u);
    expect((await api('POST', '/auth/register', { email: 'eve@example.com', password: PASSWORD })).status).toBe(202);
    expect((await api('POST', '/auth/login', { email: 'eve@example.com', password: PASSWORD })).status).toBe(200);
  });
});
