import { createHash } from 'node:crypto';
import { expectDocentError } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { hostedUiUrls } from './hosted-ui-urls.ts';

const options = {
  domain: 'docent.auth.us-east-1.amazoncognito.com',
  clientId: '4tq1docenttestclient0000ab',
  redirectUri: 'https://docent.example.com/auth/callback?from=cognito',
  logoutUri: 'https://docent.example.com/',
};

describe('hostedUiUrls', () => {
  it('builds a code-flow authorize URL with a PKCE S256 challenge of the verifier', () => {
    const urls = hostedUiUrls({ ...options, provider: 'Google' });
    const url = new URL(urls.authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://docent.auth.us-east-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      scope: 'openid email aws.cognito.signin.user.admin',
      state: urls.state,
      code_challenge: createHash('sha256').update(urls.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      identity_provider: 'Google',
    });
    expect(urls.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(urls.state.length).toBeGreaterThanOrEqual(16);
  });

  it('matches the RFC 7636 appendix B example challenge for a given verifier', () => {
    const urls = hostedUiUrls({ ...options, codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });
    expect(new URL(urls.authorizeUrl).searchParams.get('code_challenge')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('offers every provider when none is named, and passes given scopes and state through', () => {
    const urls = hostedUiUrls({ ...options, scopes: ['openid', 'profile'], state: 'state-123' });
    const params = new URL(urls.authorizeUrl).searchParams;
    expect(params.has('identity_provider')).toBe(false);
    expect(params.get('scope')).toBe('openid profile');
    expect(params.get('state')).toBe('state-123');
    expect(urls.state).toBe('state-123');
    expect(hostedUiUrls({ ...options, provider: 'LoginWithAmazon' }).authorizeUrl).toContain(
      'identity_provider=LoginWithAmazon',
    );
  });

  it('draws a fresh state and verifier for every sign-in', () => {
    const first = hostedUiUrls(options);
    const second = hostedUiUrls(options);
    expect(second.state).not.toBe(first.state);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });

  it('builds the logout and token URLs, from a bare host or an https origin alike', () => {
    for (const domain of ['auth.docent.example.com', 'https://auth.docent.example.com']) {
      const urls = hostedUiUrls({ ...options, domain });
      const logout = new URL(urls.logoutUrl);
      expect(logout.origin + logout.pathname).toBe('https://auth.docent.example.com/logout');
      expect(Object.fromEntries(logout.searchParams)).toEqual({
        client_id: options.clientId,
        logout_uri: 'https://docent.example.com/',
      });
      expect(urls.tokenUrl).toBe('https://auth.docent.example.com/oauth2/token');
    }
  });

  it('refuses a domain that is not an https origin and a malformed verifier', async () => {
    for (const domain of ['http://auth.docent.example.com', 'https://auth.docent.example.com/login', 'https://']) {
      await expectDocentError(() => hostedUiUrls({ ...options, domain }), 'validation_failed');
    }
    await expectDocentError(() => hostedUiUrls({ ...options, codeVerifier: 'too-short' }), 'validation_failed');
    await expectDocentError(
      () => hostedUiUrls({ ...options, codeVerifier: `${'a'.repeat(43)}!` }),
      'validation_failed',
    );
  });
});
