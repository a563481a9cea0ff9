import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { driveOidcLogin, expectDocentError, type OidcTestProvider, startOidcTestProvider } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenIdClientOidc } from './openid-client-oidc.ts';

// Never requested: the login driver stops at the redirect to it.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/oidc/callback';
const ACCOUNTS = {
  ada: { email: 'Ada@Example.com', email_verified: true },
  eve: { email: 'eve@example.com', email_verified: false },
};

const clientFor = (provider: OidcTestProvider, overrides: { allowInsecureHttp?: boolean } = {}) =>
  new OpenIdClientOidc({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri: REDIRECT_URI,
    name: 'Test ID',
    allowInsecureHttp: true,
    ...overrides,
  });

/** Signs in at the provider as `login` and returns the checks and the callback URL. */
const signIn = async (client: OpenIdClientOidc, login: string) => {
  const { url, ...checks } = await client.startLogin();
  return { url, checks, callbackUrl: await driveOidcLogin(url, { login, until: REDIRECT_URI }) };
};

const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe('OpenIdClientOidc against a real provider', () => {
  let provider: OidcTestProvider;
  let client: OpenIdClientOidc;
  beforeAll(async () => {
    provider = await startOidcTestProvider({ redirectUri: REDIRECT_URI, accounts: ACCOUNTS });
    client = clientFor(provider);
  });
  afterAll(() => provider.close());

  it('sends an S256 PKCE challenge, state and nonce, and returns the verified identity', async () => {
    const { url, checks, callbackUrl } = await signIn(client, 'ada');
    const request = new URL(url);
    expect(request.origin).toBe(provider.issuer);
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(checks.codeVerifier).digest('base64url'),
    });
    expect(new URL(callbackUrl).searchParams.get('state')).toBe(checks.state);
    expect(await client.finishLogin(callbackUrl, checks)).toEqual({
      subject: 'ada',
      email: 'Ada@Example.com',
      emailVerified: true,
    });
  });

  it('accepts the callback as a path and query, as a server route sees it', async () => {
    const { checks, callbackUrl } = await signIn(client, 'ada');
    const { pathname, search } = new URL(callbackUrl);
    expect((await client.finishLogin(`${pathname}${search}`, checks)).subject).toBe('ada');
  });

  it('reports an unverified email as such', async () => {
    const { checks, callbackUrl } = await signIn(client, 'eve');
    expect(await client.finishLogin(callbackUrl, checks)).toEqual({
      subject: 'eve',
      email: 'eve@example.com',
      emailVerified: false,
    });
  });

  it('refuses a callback whose state is not the one sent', async () => {
    const { checks, callbackUrl } = await signIn(client, 'ada');
    const error = await expectDocentError(
      client.finishLogin(callbackUrl, { ...checks, state: 'forged' }),
      'oidc_failed',
    );
    expect(error.retryable).toBe(false);
  });

  it('fails when the code verifier does not match the challenge: the provider checks PKCE', async () => {
    const { checks, callbackUrl } = await signIn(client, 'ada');
    const error = await expectDocentError(
      client.finishLogin(callbackUrl, { ...checks, codeVerifier: 'x'.repeat(43) }),
      'oidc_failed',
    );
    expect(error.message).toContain('invalid_grant');
    expect(error.retryable).toBe(false);
  });

  it('refuses an ID token with another nonce, and a code redeemed twice', async () => {
    const { checks, callbackUrl } = await signIn(client, 'ada');
    await expectDocentError(client.finishLogin(callbackUrl, { ...checks, nonce: 'other' }), 'oidc_failed');
    await expectDocentError(client.finishLogin(callbackUrl, checks), 'oidc_failed');
  });

  it('turns an error response of the provider into oidc_failed naming the error', async () => {
    const { checks } = await signIn(client, 'ada');
    const callback = new URL(REDIRECT_URI);
    callback.search = new URLSearchParams({
      error: 'access_denied',
      state: checks.state,
      iss: provider.issuer,
    }).toString();
    const error = await expectDocentError(client.finishLogin(callback.href, checks), 'oidc_failed');
    expect(error.message).toMatch(/Test ID did not sign you in \(access_denied/u);
  });

  it('reads the email from userinfo when the ID token leaves it out', async () => {
    const spec = await startOidcTestProvider({ redirectUri: REDIRECT_URI, accounts: ACCOUNTS, emailInIdToken: false });
    try {
      const specClient = clientFor(spec);
      const { checks, callbackUrl } = await signIn(specClient, 'ada');
      expect(await specClient.finishLogin(callbackUrl, checks)).toEqual({
        subject: 'ada',
        email: 'Ada@Example.com',
        emailVerified: true,
      });
    } finally {
      await spec.close();
    }
  });

  it('refuses a plain-HTTP issuer unless insecure HTTP is explicitly allowed', async () => {
    const strict = clientFor(provider, { allowInsecureHttp: false });
    const error = await expectDocentError(strict.startLogin(), 'oidc_failed');
    expect(error.retryable).toBe(false);
  });
});

describe('OpenIdClientOidc without a provider', () => {
  it('fails retryably when the provider cannot be reached', async () => {
    const client = new OpenIdClientOidc({
      issuer: `http://127.0.0.1:${await closedPort()}`,
      clientId: 'c',
      clientSecret: 's',
      redirectUri: REDIRECT_URI,
      name: 'Test ID',
      allowInsecureHttp: true,
    });
    const error = await expectDocentError(client.startLogin(), 'oidc_failed');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('Test ID could not be reached; try again in a moment.');
  });
});
