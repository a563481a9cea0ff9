import { describe, expect, it } from 'vitest';
import { configProblems as problemsOf } from '../test-support/config-problems.ts';
import { loadConfig } from './config.ts';

describe('loadConfig: sign-in with an OpenID Connect provider', () => {
  it('configures sign-in with an OpenID Connect provider when all its settings are given', () => {
    const env = {
      DOCENT_OIDC_ISSUER: 'https://accounts.google.com',
      DOCENT_OIDC_CLIENT_ID: 'client',
      DOCENT_OIDC_CLIENT_SECRET: 'secret',
      DOCENT_OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/auth/oidc/callback',
    };
    expect(loadConfig({}, '/srv')).not.toHaveProperty('oidc');
    expect(loadConfig(env, '/srv').oidc).toEqual({
      issuer: 'https://accounts.google.com',
      clientId: 'client',
      clientSecret: 'secret',
      redirectUri: 'http://127.0.0.1:3000/auth/oidc/callback',
      name: 'Google',
      allowInsecureHttp: false,
    });
    const local = { ...env, DOCENT_OIDC_ISSUER: 'http://127.0.0.1:4000', DOCENT_OIDC_NAME: 'Test ID' };
    expect(loadConfig({ ...local, DOCENT_OIDC_ALLOW_HTTP: 'true' }, '/srv').oidc).toMatchObject({
      issuer: 'http://127.0.0.1:4000',
      name: 'Test ID',
      allowInsecureHttp: true,
    });
    expect(() => loadConfig(local, '/srv')).toThrow(/DOCENT_OIDC_ISSUER: must be https/);
  });

  it('names each missing or misplaced provider setting', () => {
    expect(problemsOf({ DOCENT_OIDC_ISSUER: 'https://id.example', DOCENT_OIDC_CLIENT_ID: 'c' })).toEqual([
      expect.stringMatching(/^DOCENT_OIDC_CLIENT_SECRET: required/),
      expect.stringMatching(/^DOCENT_OIDC_REDIRECT_URI: required/),
    ]);
    expect(problemsOf({ DOCENT_OIDC_NAME: 'Google', DOCENT_OIDC_ALLOW_HTTP: 'true' })).toEqual([
      expect.stringMatching(/^DOCENT_OIDC_NAME: only applies with/),
      expect.stringMatching(/^DOCENT_OIDC_ALLOW_HTTP: only applies with/),
    ]);
    // Every setting given, but a callback path the server does not serve.
    const wrongCallback = {
      DOCENT_OIDC_ISSUER: 'https://id.example',
      DOCENT_OIDC_CLIENT_ID: 'c',
      DOCENT_OIDC_CLIENT_SECRET: 's',
      DOCENT_OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/callback',
    };
    expect(problemsOf({ ...wrongCallback, DOCENT_OIDC_ALLOW_HTTP: 'maybe' })).toEqual([
      expect.stringMatching(/^DOCENT_OIDC_ALLOW_HTTP:/),
    ]);
    expect(problemsOf(wrongCallback)).toEqual([
      expect.stringMatching(/^DOCENT_OIDC_REDIRECT_URI: must be this server's \/auth\/oidc\/callback/),
    ]);
  });
});
