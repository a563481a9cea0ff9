import type { IdentityProvider } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../builders/manual-clock.ts';
import { uniqueId } from '../builders/unique-id.ts';
import { expectDocentError } from '../support/expect-docent-error.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What an IdentityProvider adapter's test gives the contract: a provider with no accounts. */
export interface IdentityProviderFixture extends Fixture {
  identity: IdentityProvider;
}

/** Options of the IdentityProvider contract. */
export interface IdentityProviderContractOptions {
  /**
   * True (the default) when the provider reads token expiry from the clock given to `setup`; the
   * expiry test is skipped for providers whose tokens expire on a server's clock.
   */
  clockControlsExpiry?: boolean;
  /**
   * What logout revokes: `session` (the default) that token only; `account` every session of the user,
   * for providers that can only sign out globally (Cognito's GlobalSignOut).
   */
  logoutScope?: 'session' | 'account';
  /**
   * `supported` (the default) when `signInExternal` opens sessions; `hosted-ui` for providers whose
   * federated sign-in happens in their own hosted pages, where `signInExternal` must refuse with `oidc_failed`.
   */
  externalSignIn?: 'supported' | 'hosted-ui';
}

const PASSWORD = 'correct horse battery staple';
const newEmail = (): string => `${uniqueId('user')}@example.com`;

/** Registers the tests every IdentityProvider must pass. `setup` receives the clock the provider should use. */
export const describeIdentityProviderContract = (
  adapterName: string,
  setup: (clock: ManualClock) => Promise<IdentityProviderFixture>,
  options: IdentityProviderContractOptions = {},
): void => {
  describe(`IdentityProvider contract: ${adapterName}`, () => {
    const clock = new ManualClock();
    const fixture = useFixture(() => {
      clock.set('2024-01-01T00:00:00.000Z');
      return setup(clock);
    });

    it('registers a user that getUser returns', async () => {
      const { identity } = fixture();
      const email = newEmail();
      const user = await identity.register(email, PASSWORD);
      expect(user.email).toBe(email);
      expect(user.id).toEqual(expect.any(String));
      expect(Number.isNaN(Date.parse(user.createdAt))).toBe(false);
      expect(await identity.getUser(user.id)).toEqual(user);
      expect(await identity.getUser(uniqueId('missing'))).toBeNull();
    });

    it('refuses a second account with the same email with email_taken', async () => {
      const { identity } = fixture();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      await expectDocentError(identity.register(email, 'another long password'), 'email_taken');
      await expectDocentError(identity.login(email, 'another long password'), 'invalid_credentials');
    });

    it('logs in with the right password; verify names the caller', async () => {
      const { identity } = fixture();
      const email = newEmail();
      const user = await identity.register(email, PASSWORD);
      const session = await identity.login(email, PASSWORD);
      expect(session.user).toEqual(user);
      expect(session.token.length).toBeGreaterThanOrEqual(16);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(clock.now().getTime());
      expect(await identity.verify(session.token)).toEqual({ userId: user.id, email });
    });

    it('answers a wrong password and an unknown email alike with invalid_credentials', async () => {
      const { identity } = fixture();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      const wrong = await expectDocentError(identity.login(email, `${PASSWORD}!`), 'invalid_credentials');
      const unknown = await expectDocentError(identity.login(newEmail(), PASSWORD), 'invalid_credentials');
      expect(unknown.message).toBe(wrong.message);
    });

    it('verify rejects unknown tokens with unauthorized', async () => {
      const { identity } = fixture();
      await expectDocentError(identity.verify('not-a-token'), 'unauthorized');
      await expectDocentError(identity.verify(''), 'unauthorized');
    });

    it(`logout revokes ${options.logoutScope === 'account' ? "the user's sessions" : 'that token only'}; revoking an unknown token is fine`, async () => {
      const { identity } = fixture();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      const first = await identity.login(email, PASSWORD);
      const second = await identity.login(email, PASSWORD);
      const other = newEmail();
      await identity.register(other, PASSWORD);
      const bystander = await identity.login(other, PASSWORD);
      expect(second.token).not.toBe(first.token);
      await identity.logout(first.token);
      await expectDocentError(identity.verify(first.token), 'unauthorized');
      if (options.logoutScope === 'account') await expectDocentError(identity.verify(second.token), 'unauthorized');
      else expect((await identity.verify(second.token)).email).toBe(email);
      expect((await identity.verify(bystander.token)).email).toBe(other);
      await expect(identity.logout(first.token)).resolves.toBeUndefined();
      await expect(identity.logout('never-issued')).resolves.toBeUndefined();
    });

    if (options.externalSignIn === 'hosted-ui') {
      it('signInExternal refuses with oidc_failed: federated sign-in happens in the hosted pages', async () => {
        const { identity } = fixture();
        await expectDocentError(identity.signInExternal(newEmail()), 'oidc_failed');
      });
      return;
    }

    it('signInExternal creates a password-less account that no password opens', async () => {
      const { identity } = fixture();
      const email = newEmail();
      const session = await identity.signInExternal(email);
      expect(session.user.email).toBe(email);
      expect(Date.parse(session.expiresAt)).toBeGreaterThan(clock.now().getTime());
      expect(await identity.verify(session.token)).toEqual({ userId: session.user.id, email });
      expect(await identity.getUser(session.user.id)).toEqual(session.user);
      const wrong = await expectDocentError(identity.login(email, PASSWORD), 'invalid_credentials');
      const unknown = await expectDocentError(identity.login(newEmail(), PASSWORD), 'invalid_credentials');
      expect(wrong.message).toBe(unknown.message);
      await expectDocentError(identity.login(email, ''), 'invalid_credentials');
      await expectDocentError(identity.register(email, PASSWORD), 'email_taken');
    });

    it('signInExternal opens the existing account of that email, which keeps its password', async () => {
      const { identity } = fixture();
      const email = newEmail();
      const user = await identity.register(email, PASSWORD);
      const external = await identity.signInExternal(email);
      expect(external.user).toEqual(user);
      expect(await identity.verify(external.token)).toEqual({ userId: user.id, email });
      expect((await identity.login(email, PASSWORD)).user).toEqual(user);
      const again = await identity.signInExternal(email);
      expect(again.user).toEqual(user);
      expect(again.token).not.toBe(external.token);
      await identity.logout(external.token);
      await expectDocentError(identity.verify(external.token), 'unauthorized');
      expect((await identity.verify(again.token)).userId).toBe(user.id);
    });

    it.skipIf(options.clockControlsExpiry === false)('a token stops working once it expires', async () => {
      const { identity } = fixture();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      const session = await identity.login(email, PASSWORD);
      const expiresAt = Date.parse(session.expiresAt);
      clock.set(expiresAt - 1000);
      expect((await identity.verify(session.token)).email).toBe(email);
      clock.set(expiresAt + 1000);
      await expectDocentError(identity.verify(session.token), 'unauthorized');
      const fresh = await identity.login(email, PASSWORD);
      expect((await identity.verify(fresh.token)).email).toBe(email);
    });
  });
};
