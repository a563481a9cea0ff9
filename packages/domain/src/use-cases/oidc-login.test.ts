import { InMemoryIdentityProvider } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { DocentError } from '../errors.ts';
import type { OidcClient, OidcIdentity, OidcLoginChecks } from '../ports/oidc-client.ts';
import { FinishOidcLogin, StartOidcLogin } from './oidc-login.ts';

/** A provider stand-in that vouches for whichever identity the test hands it. */
class StubOidcClient implements OidcClient {
  readonly name = 'Example ID';
  identity: OidcIdentity = { subject: 's1', email: 'ada@example.org', emailVerified: true };
  readonly finished: { callbackUrl: string; checks: OidcLoginChecks }[] = [];

  async startLogin() {
    return { url: 'https://id.example/authorize?state=st', state: 'st', codeVerifier: 'cv', nonce: 'n' };
  }

  async finishLogin(callbackUrl: string, checks: OidcLoginChecks): Promise<OidcIdentity> {
    this.finished.push({ callbackUrl, checks });
    return this.identity;
  }
}

const setUp = () => {
  const oidc = new StubOidcClient();
  const identity = new InMemoryIdentityProvider({ scrypt: { N: 1024, r: 8, p: 1 } });
  return { oidc, identity, start: new StartOidcLogin({ oidc }), finish: new FinishOidcLogin({ oidc, identity }) };
};

const checks = { state: 'st', codeVerifier: 'cv', nonce: 'n' };

describe('OIDC login use cases', () => {
  it('starts with the client and finishes with the checks it was given', async () => {
    const { oidc, start, finish } = setUp();
    expect(await start.execute()).toEqual({ ...checks, url: 'https://id.example/authorize?state=st' });
    await finish.execute({ callbackUrl: '/auth/oidc/callback?code=c&state=st', checks });
    expect(oidc.finished).toEqual([{ callbackUrl: '/auth/oidc/callback?code=c&state=st', checks }]);
  });

  it('creates an account for a new verified email, and opens the same one next time', async () => {
    const { oidc, identity, finish } = setUp();
    oidc.identity = { subject: 's1', email: '  New.Person@Example.org ', emailVerified: true };
    const first = await finish.execute({ callbackUrl: '/cb', checks });
    expect(first.user.email).toBe('new.person@example.org');
    expect(await identity.verify(first.token)).toEqual({ userId: first.user.id, email: 'new.person@example.org' });
    const second = await finish.execute({ callbackUrl: '/cb', checks });
    expect(second.user).toEqual(first.user);
  });

  it('links a verified email to the existing password account of that email', async () => {
    const { oidc, identity, finish } = setUp();
    const user = await identity.register('ada@example.org', 'Passw0rdX');
    oidc.identity = { subject: 's9', email: 'ADA@example.org', emailVerified: true };
    const session = await finish.execute({ callbackUrl: '/cb', checks });
    expect(session.user).toEqual(user);
    expect((await identity.login('ada@example.org', 'Passw0rdX')).user).toEqual(user);
  });

  it('refuses an unverified email with oidc_email_unverified and creates nothing', async () => {
    const { oidc, identity, finish } = setUp();
    oidc.identity = { subject: 's2', email: 'eve@example.org', emailVerified: false };
    const error = await finish.execute({ callbackUrl: '/cb', checks }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocentError);
    expect(error).toMatchObject({ code: 'oidc_email_unverified', message: expect.stringContaining('Example ID') });
    await expect(identity.register('eve@example.org', 'Passw0rdX')).resolves.toMatchObject({
      email: 'eve@example.org',
    });
  });

  it('turns an address that is not an email into oidc_failed', async () => {
    const { oidc, finish } = setUp();
    oidc.identity = { subject: 's3', email: 'not an email', emailVerified: true };
    await expect(finish.execute({ callbackUrl: '/cb', checks })).rejects.toMatchObject({ code: 'oidc_failed' });
  });

  it('passes the client errors through', async () => {
    const { oidc, finish } = setUp();
    oidc.finishLogin = async () => {
      throw new DocentError('oidc_failed', 'state mismatch');
    };
    await expect(finish.execute({ callbackUrl: '/cb', checks })).rejects.toMatchObject({
      code: 'oidc_failed',
      message: 'state mismatch',
    });
  });
});
