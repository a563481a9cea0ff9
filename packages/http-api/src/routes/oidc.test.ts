import { DocentError } from '@docent/domain';
import { ManualClock } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test-support/expect-error.ts';
import { FakeOidcClient } from '../../test-support/fake-oidc-client.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

const verified = (email: string) => ({ subject: `sub-${email}`, email, emailVerified: true });

describe('OIDC routes', () => {
  let server: TestServer;
  const oidc = new FakeOidcClient();
  const clock = new ManualClock();
  beforeAll(async () => {
    server = await startTestServer({ oidc, clock, serveDocs: false });
  });
  afterAll(() => server.close());

  /** One browser request that does not follow redirects. */
  const navigate = (path: string, cookie?: string) =>
    fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });

  /** GET /auth/oidc/login: the provider URL and the login cookie (`name=value`). */
  const startLogin = async () => {
    const response = await navigate('/auth/oidc/login');
    expect(response.status).toBe(302);
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { providerUrl: response.headers.get('location') ?? '', cookie: setCookie.split(';')[0] ?? '', setCookie };
  };

  /** The fragment query of a redirect back to the web app. */
  const appRedirect = (response: Response): URLSearchParams => {
    expect(response.status).toBe(302);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith('/#/oidc?')).toBe(true);
    return new URLSearchParams(location.slice('/#/oidc?'.length));
  };

  const exchange = (code: string) => server.api.request('POST', '/auth/oidc/session', { json: { code } });

  /** A whole sign-in as `identity`: the one-time code the app receives. */
  const signIn = async (identity: ReturnType<typeof verified>) => {
    const { providerUrl, cookie } = await startLogin();
    const back = appRedirect(await navigate(oidc.approve(providerUrl, identity), cookie));
    return back.get('code') ?? '';
  };

  it('says provider sign-in is enabled, with the name for the button', async () => {
    const config = await server.api.request('GET', '/auth/oidc/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ enabled: true, name: 'Test ID' });
    const openApi = await server.api.request('GET', '/openapi.json');
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/auth/oidc/config', '/auth/oidc/login', '/auth/oidc/callback', '/auth/oidc/session']),
    );
    expect(openApi.body.paths['/auth/oidc/callback'].get.responses).toHaveProperty('302');
    for (const [path, method] of [
      ['/auth/oidc/config', 'get'],
      ['/auth/oidc/login', 'get'],
      ['/auth/oidc/callback', 'get'],
      ['/auth/oidc/session', 'post'],
    ] as const) {
      expect(openApi.body.paths[path][method].responses, path).toHaveProperty('500');
    }
  });

  it('redirects to the provider, binding the login to the browser with an HttpOnly cookie', async () => {
    const { providerUrl, setCookie } = await startLogin();
    expect(providerUrl).toMatch(/^https:\/\/id\.test\/authorize\?state=/u);
    expect(setCookie).toMatch(/^docent_oidc=[\w-]{43}; Path=\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/u);
  });

  it('signs a new person in: callback, one-time code, then a session that works', async () => {
    const { providerUrl, cookie } = await startLogin();
    const callback = await navigate(oidc.approve(providerUrl, verified('new.person@example.com')), cookie);
    expect(callback.headers.get('set-cookie')).toMatch(/^docent_oidc=; Path=\/auth\/oidc; .*Max-Age=0/u);
    const code = appRedirect(callback).get('code') ?? '';
    expect(code).toMatch(/^[\w-]{43}$/u);

    const session = await exchange(code);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ token: expect.any(String), user: { email: 'new.person@example.com' } });
    const profile = await server.api.request('GET', '/auth/profile', { token: session.body.token });
    expect(profile.body).toMatchObject({ id: session.body.user.id, email: 'new.person@example.com' });
  });

  it('opens the existing password account of the verified email', async () => {
    const user = await server.api.signUp();
    const session = await exchange(await signIn(verified(user.email.toUpperCase())));
    expect(session.body.user).toEqual(user.user);
    const login = await server.api.request('POST', '/auth/login', {
      json: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(200);
  });

  it('accepts each one-time code once', async () => {
    const code = await signIn(verified('once@example.com'));
    expect((await exchange(code)).status).toBe(200);
    expectError(await exchange(code), 401, 'unauthorized');
    expectError(await exchange('never-issued'), 401, 'unauthorized');
  });

  it('lets a one-time code expire after 60 seconds', async () => {
    const code = await signIn(verified('slow@example.com'));
    clock.advance(60_000);
    expectError(await exchange(code), 401, 'unauthorized');
  });

  it('refuses a callback without the cookie of the browser that started the login, once and for all', async () => {
    const { providerUrl, cookie } = await startLogin();
    const callback = oidc.approve(providerUrl, verified('victim@example.com'));
    const other = await startLogin();
    const refused = appRedirect(await navigate(callback, other.cookie));
    expect(refused.get('error')).toBe('oidc_failed');
    expect(refused.get('message')).toMatch(/another browser/u);
    expect(appRedirect(await navigate(callback)).get('error')).toBe('oidc_failed');
    // The pending login was spent by the first attempt: the right cookie comes too late.
    expect(appRedirect(await navigate(callback, cookie)).get('error')).toBe('oidc_failed');
  });

  it('refuses a callback with an unknown state', async () => {
    const { cookie } = await startLogin();
    const refused = appRedirect(await navigate('/auth/oidc/callback?code=c&state=forged', cookie));
    expect(refused.get('error')).toBe('oidc_failed');
  });

  it('refuses a login finished after 10 minutes', async () => {
    const { providerUrl, cookie } = await startLogin();
    clock.advance(10 * 60_000);
    const refused = appRedirect(await navigate(oidc.approve(providerUrl, verified('late@example.com')), cookie));
    expect(refused.get('error')).toBe('oidc_failed');
  });

  it('sends an unverified email back to the app as oidc_email_unverified', async () => {
    const { providerUrl, cookie } = await startLogin();
    const identity = { subject: 's', email: 'eve@example.com', emailVerified: false };
    const refused = appRedirect(await navigate(oidc.approve(providerUrl, identity), cookie));
    expect(refused.get('error')).toBe('oidc_email_unverified');
    expect(refused.get('message')).toMatch(/Test ID has not verified/u);
    expect(refused.get('code')).toBeNull();
  });

  it('sends the provider refusal back to the app with its message', async () => {
    const { providerUrl, cookie } = await startLogin();
    const state = new URL(providerUrl).searchParams.get('state') ?? '';
    const refused = appRedirect(await navigate(`/auth/oidc/callback?error=access_denied&state=${state}`, cookie));
    expect(refused.get('error')).toBe('oidc_failed');
    expect(refused.get('message')).toBe('Test ID did not sign you in (access_denied).');
  });

  it('sends a provider outage at the start back to the app', async () => {
    oidc.failNextStart = new DocentError('oidc_failed', 'Test ID could not be reached; try again in a moment.', {
      retryable: true,
    });
    const response = await navigate('/auth/oidc/login');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(Object.fromEntries(appRedirect(response))).toEqual({
      error: 'oidc_failed',
      message: 'Test ID could not be reached; try again in a moment.',
    });
  });

  it('validates the session body', async () => {
    expectError(await server.api.request('POST', '/auth/oidc/session', { json: {} }), 400, 'validation_failed');
  });
});

describe('OIDC routes without a provider', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ serveDocs: false });
  });
  afterAll(() => server.close());

  it('reports provider sign-in as disabled and serves none of its routes', async () => {
    expect((await server.api.request('GET', '/auth/oidc/config')).body).toEqual({ enabled: false });
    expectError(await server.api.request('GET', '/auth/oidc/login'), 404, 'not_found');
    expectError(await server.api.request('POST', '/auth/oidc/session', { json: { code: 'x' } }), 404, 'not_found');
  });
});
