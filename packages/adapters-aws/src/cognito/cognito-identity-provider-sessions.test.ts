import { expectDocentError, uniqueId } from '@docent/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoTestWorld, startCognitoTestWorld } from '../../test-support/cognito-test-world.ts';

const PASSWORD = 'correct horse battery staple';
const newEmail = (): string => `${uniqueId('user')}@example.com`;

describe('CognitoIdentityProvider sessions (local Cognito server, dynalite Users table)', () => {
  let world: CognitoTestWorld;
  beforeAll(async () => {
    world = await startCognitoTestWorld();
  });
  afterAll(() => world.close());
  beforeEach(() => {
    world.clock.set('2024-01-01T00:00:00.000Z');
  });
  const operationsSince = (start: number): string[] =>
    world.server.requests.slice(start).map((request) => request.operation);
  const registeredSession = async (options: Parameters<CognitoTestWorld['provider']>[0] = {}) => {
    const { identity, users } = await world.provider(options);
    const email = newEmail();
    const user = await identity.register(email, PASSWORD);
    return { identity, users, email, user, session: await identity.login(email, PASSWORD) };
  };

  describe('verify', () => {
    it('checks the token locally, then asks Cognito (GetUser) whether it still stands', async () => {
      const { identity, user, email, session } = await registeredSession();
      const start = world.server.requests.length;
      expect(await identity.verify(session.token)).toEqual({ userId: user.id, email });
      expect(world.server.requests.slice(start).map((call) => [call.operation, call.body])).toEqual([
        ['GetUser', { AccessToken: session.token }],
      ]);
    });

    it('rejects junk, an ID token and a token of another pool locally, before asking Cognito', async () => {
      const { identity } = await registeredSession();
      const other = await startCognitoTestWorld({ userPoolId: 'us-east-1_OtherPool' });
      try {
        const foreign = await other.server.pool.federatedSignIn(newEmail());
        const idToken = (await world.server.pool.federatedSignIn(newEmail())).IdToken;
        const start = world.server.requests.length;
        await expectDocentError(identity.verify('not-a-token'), 'unauthorized');
        await expectDocentError(identity.verify(''), 'unauthorized');
        const wrongKind = await expectDocentError(identity.verify(idToken), 'unauthorized');
        expect(wrongKind.details).toEqual({ reason: 'token_use' });
        await expectDocentError(identity.verify(foreign.AccessToken), 'unauthorized');
        expect(operationsSince(start)).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('stops accepting a token once the clock passes its expiry', async () => {
      const { identity, email, session } = await registeredSession();
      const expiresAt = Date.parse(session.expiresAt);
      world.clock.set(expiresAt - 1000);
      expect((await identity.verify(session.token)).email).toBe(email);
      world.clock.set(expiresAt + 1000);
      const error = await expectDocentError(identity.verify(session.token), 'unauthorized');
      expect(error.details).toEqual({ reason: 'expired' });
    });

    it('without checkRevocation, trusts a verified token to its expiry and never asks Cognito', async () => {
      const { identity, user, email, session } = await registeredSession({ checkRevocation: false });
      await identity.logout(session.token);
      const start = world.server.requests.length;
      expect(await identity.verify(session.token)).toEqual({ userId: user.id, email });
      expect(operationsSince(start)).toEqual([]);
    });
  });

  describe('logout', () => {
    it("signs out every session of the account (Cognito's GlobalSignOut), not only the given one", async () => {
      const { identity, email, session: first } = await registeredSession();
      const second = await identity.login(email, PASSWORD);
      expect(second.token).not.toBe(first.token);
      const start = world.server.requests.length;
      await identity.logout(first.token);
      expect(world.server.requests[start]).toMatchObject({
        operation: 'GlobalSignOut',
        body: { AccessToken: first.token },
        signed: false,
      });
      for (const token of [first.token, second.token]) {
        const error = await expectDocentError(identity.verify(token), 'unauthorized');
        expect(error.details).toEqual({ reason: 'revoked' });
      }
      expect((await identity.verify((await identity.login(email, PASSWORD)).token)).email).toBe(email);
    });

    it('treats revoked, expired, foreign and junk tokens as nothing to revoke', async () => {
      const { identity, session } = await registeredSession();
      await identity.logout(session.token);
      await expect(identity.logout(session.token)).resolves.toBeUndefined();
      const start = world.server.requests.length;
      await expect(identity.logout('never-issued')).resolves.toBeUndefined();
      await expect(identity.logout('')).resolves.toBeUndefined();
      world.clock.set(Date.parse(session.expiresAt) + 1000);
      await expect(identity.logout(session.token)).resolves.toBeUndefined();
      expect(operationsSince(start)).toEqual([]);
    });
  });

  describe('hosted-UI (federated) accounts', () => {
    it('gets its Users row at its first verified request, once', async () => {
      const { identity, users } = await world.provider();
      const email = newEmail();
      const tokens = await world.server.pool.federatedSignIn(email);
      world.clock.set('2024-01-01T00:10:00.000Z');
      const principal = await identity.verify(tokens.AccessToken);
      expect(principal.email).toBe(email);
      const row = { id: principal.userId, email, createdAt: '2024-01-01T00:10:00.000Z' };
      expect(await users.get(principal.userId)).toEqual(row);
      world.clock.set('2024-01-01T00:20:00.000Z');
      expect(await identity.verify(tokens.AccessToken)).toEqual(principal);
      expect(await identity.getUser(principal.userId)).toEqual(row);
      await expectDocentError(identity.register(email, PASSWORD), 'email_taken');
    });

    it('refuses a federated account whose email another account holds, and one without a row when not asking Cognito', async () => {
      const { identity, users, email } = await registeredSession();
      const twin = await world.server.pool.federatedSignIn(email);
      const taken = await expectDocentError(identity.verify(twin.AccessToken), 'unauthorized');
      expect(taken.details).toEqual({ reason: 'email_in_use' });
      const local = await world.provider({ users, checkRevocation: false });
      const stranger = await world.server.pool.federatedSignIn(newEmail());
      const unknown = await expectDocentError(local.identity.verify(stranger.AccessToken), 'unauthorized');
      expect(unknown.details).toEqual({ reason: 'no_account' });
    });

    it('refuses a hosted-UI token without the aws.cognito.signin.user.admin scope (GetUser cannot check it)', async () => {
      const { identity } = await world.provider();
      const tokens = await world.server.pool.federatedSignIn(newEmail(), 'openid email');
      const error = await expectDocentError(identity.verify(tokens.AccessToken), 'unauthorized');
      expect(error.cause).toMatchObject({ message: 'Access Token does not have required scopes' });
    });

    it('signInExternal points to the hosted UI instead of opening a session', async () => {
      const { identity } = await world.provider();
      const start = world.server.requests.length;
      const error = await expectDocentError(identity.signInExternal(newEmail()), 'oidc_failed');
      expect(error.message).toContain('hosted UI');
      expect(error.details).toEqual({ hostedUi: true });
      expect(operationsSince(start)).toEqual([]);
    });
  });

  it('getUser answers null for an unknown id', async () => {
    const { identity } = await world.provider();
    expect(await identity.getUser(uniqueId('missing'))).toBeNull();
    expect(await identity.getUser('')).toBeNull();
  });
});
