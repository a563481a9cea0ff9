import { expectDocentError, uniqueId } from '@docent/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoTestWorld, startCognitoTestWorld } from '../../test-support/cognito-test-world.ts';

const PASSWORD = 'correct horse battery staple';
const newEmail = (): string => `${uniqueId('user')}@example.com`;

describe('CognitoIdentityProvider (local Cognito server, dynalite Users table)', () => {
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

  describe('register', () => {
    it('signs up, confirms by admin, verifies the email and writes the Users row', async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      const start = world.server.requests.length;
      const user = await identity.register(email, PASSWORD);
      const account = [...world.server.pool.users.values()].find((candidate) => candidate.email === email);
      expect(user).toEqual({ id: account?.sub, email, createdAt: '2024-01-01T00:00:00.000Z' });
      expect(account).toMatchObject({ status: 'CONFIRMED', emailVerified: true });
      expect(await identity.getUser(user.id)).toEqual(user);
      const calls = world.server.requests.slice(start);
      expect(calls.map((call) => [call.operation, call.signed])).toEqual([
        ['SignUp', false],
        ['AdminConfirmSignUp', true],
        ['AdminUpdateUserAttributes', true],
      ]);
      expect(calls[0]?.body).toEqual({
        ClientId: world.server.clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      });
      expect(calls[2]?.body).toMatchObject({ UserAttributes: [{ Name: 'email_verified', Value: 'true' }] });
    });

    it('makes no admin call when the pool confirms sign-ups itself (pre-sign-up Lambda)', async () => {
      const own = await startCognitoTestWorld({ preSignUpAutoConfirm: true });
      try {
        const { identity } = await own.provider();
        const email = newEmail();
        await identity.register(email, PASSWORD);
        expect(own.server.requests.map((request) => request.operation)).toEqual(['SignUp']);
        expect((await identity.login(email, PASSWORD)).user.email).toBe(email);
      } finally {
        await own.close();
      }
    });

    it('answers email_taken from Cognito, and from the Users table without asking Cognito', async () => {
      const { identity, users } = await world.provider();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      await expectDocentError(identity.register(email, 'another long password'), 'email_taken');
      const federated = newEmail();
      await users.create({ id: 'Google-sub', email: federated, createdAt: '2024-01-01T00:00:00.000Z' });
      const start = world.server.requests.length;
      await expectDocentError(identity.register(federated, PASSWORD), 'email_taken');
      expect(operationsSince(start)).toEqual([]);
    });

    it("answers weak_password with the pool's policy and writes no row", async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      const error = await expectDocentError(identity.register(email, 'short'), 'weak_password');
      expect(error.message).toContain('Password not long enough');
      await expectDocentError(identity.login(email, 'short'), 'invalid_credentials');
    });
  });

  describe('confirmation by code (autoConfirm false)', () => {
    it('keeps the account unconfirmed until the emailed code is entered', async () => {
      const { identity } = await world.provider({ autoConfirm: false });
      const email = newEmail();
      const start = world.server.requests.length;
      const user = await identity.register(email, PASSWORD);
      expect(operationsSince(start)).toEqual(['SignUp']);
      const unconfirmed = await expectDocentError(identity.login(email, PASSWORD), 'account_unconfirmed');
      expect(unconfirmed.message).toContain('code');
      await expectDocentError(identity.confirmSignUp(email, '000000x'), 'validation_failed');
      const account = [...world.server.pool.users.values()].find((candidate) => candidate.email === email);
      const firstCode = account?.code;
      await identity.resendConfirmation(email);
      expect(account?.code).not.toBe(firstCode);
      await identity.confirmSignUp(email, account?.code ?? '');
      expect(account).toMatchObject({ status: 'CONFIRMED', emailVerified: true });
      expect((await identity.login(email, PASSWORD)).user).toEqual(user);
    });

    it('answers conflict for an account already confirmed and not_found for an unknown email', async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      await expectDocentError(identity.confirmSignUp(email, '123456'), 'conflict');
      const resend = await expectDocentError(identity.resendConfirmation(email), 'conflict');
      expect(resend.message).toContain('User is already confirmed.');
      await expectDocentError(identity.confirmSignUp(newEmail(), '123456'), 'not_found');
      await expectDocentError(identity.resendConfirmation(newEmail()), 'not_found');
    });
  });

  describe('login', () => {
    it("opens a session on Cognito's access token, expiring after ExpiresIn", async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      const user = await identity.register(email, PASSWORD);
      world.clock.set('2024-03-01T10:00:00.000Z');
      const start = world.server.requests.length;
      const session = await identity.login(email, PASSWORD);
      expect(session.user).toEqual(user);
      expect(session.expiresAt).toBe('2024-03-01T11:00:00.000Z');
      expect(decodeJwt(session.token)).toMatchObject({
        token_use: 'access',
        sub: user.id,
        client_id: world.server.clientId,
      });
      expect(world.server.requests[start]?.body).toEqual({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: world.server.clientId,
        AuthParameters: { USERNAME: email, PASSWORD },
      });
      expect(await identity.verify(session.token)).toEqual({ userId: user.id, email });
    });

    it('answers a wrong password, an unknown email and an empty password alike', async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      const wrong = await expectDocentError(identity.login(email, `${PASSWORD}!`), 'invalid_credentials');
      const unknown = await expectDocentError(identity.login(newEmail(), PASSWORD), 'invalid_credentials');
      expect(unknown.message).toBe(wrong.message);
      const start = world.server.requests.length;
      const empty = await expectDocentError(identity.login(email, ''), 'invalid_credentials');
      expect(empty.message).toBe(wrong.message);
      expect(operationsSince(start)).toEqual([]);
    });

    it('answers UserNotFoundException (pools that reveal unknown users) as invalid_credentials too', async () => {
      const own = await startCognitoTestWorld({ preventUserExistenceErrors: false });
      try {
        const { identity } = await own.provider();
        const error = await expectDocentError(identity.login(newEmail(), PASSWORD), 'invalid_credentials');
        expect(error.cause).toMatchObject({ name: 'UserNotFoundException' });
      } finally {
        await own.close();
      }
    });

    it('refuses with forbidden when Cognito asks for a challenge (an admin-created account)', async () => {
      const { identity } = await world.provider();
      const email = newEmail();
      await identity.register(email, PASSWORD);
      const account = [...world.server.pool.users.values()].find((candidate) => candidate.email === email);
      if (account) account.status = 'FORCE_CHANGE_PASSWORD';
      const error = await expectDocentError(identity.login(email, PASSWORD), 'forbidden');
      expect(error.details).toEqual({ challenge: 'NEW_PASSWORD_REQUIRED' });
    });

    it('writes the Users row of a Cognito account that has none', async () => {
      const first = await world.provider();
      const email = newEmail();
      const user = await first.identity.register(email, PASSWORD);
      const { identity, users } = await world.provider();
      expect(await users.get(user.id)).toBeNull();
      world.clock.set('2024-02-02T00:00:00.000Z');
      const session = await identity.login(email, PASSWORD);
      expect(session.user).toEqual({ id: user.id, email, createdAt: '2024-02-02T00:00:00.000Z' });
      expect(await identity.getUser(user.id)).toEqual(session.user);
    });
  });
});
