import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DocentError, ErrorCode } from '@docent/domain';
import { expectDocentError, uniqueId } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoTestWorld, startCognitoTestWorld } from '../../test-support/cognito-test-world.ts';
import { CognitoIdentityProvider } from './cognito-identity-provider.ts';
import { DynamoUsersTable } from './users-table.ts';

const PASSWORD = 'correct horse battery staple';
const newEmail = (): string => `${uniqueId('user')}@example.com`;

describe('CognitoIdentityProvider error mapping', () => {
  let world: CognitoTestWorld;
  beforeAll(async () => {
    world = await startCognitoTestWorld();
  });
  afterAll(() => world.close());

  const expectMapped = async (promise: Promise<unknown>, code: ErrorCode, retryable: boolean): Promise<DocentError> => {
    const error = await expectDocentError(promise, code);
    expect(error.retryable).toBe(retryable);
    return error;
  };

  it.each([
    ['TooManyRequestsException', 'Rate exceeded', 400, 'unavailable', true],
    ['InternalErrorException', 'Internal error', 500, 'unavailable', true],
    ['AliasExistsException', 'An account with the given email already exists.', 400, 'email_taken', false],
    ['InvalidParameterException', 'Username should be an email.', 400, 'unavailable', false],
  ] as const)('maps %s from SignUp to %s', async (type, message, status, code, retryable) => {
    const { identity } = await world.provider();
    world.server.failNext('SignUp', type, message, status);
    const error = await expectMapped(identity.register(newEmail(), PASSWORD), code, retryable);
    if (code === 'unavailable') {
      expect(error.message).toContain(message);
      expect(error.details).toMatchObject({ operation: 'Cognito SignUp', awsError: type, status });
      expect(error.details?.requestId).toEqual(expect.any(String));
    }
  });

  it.each([
    ['TooManyFailedAttemptsException', 'Too many failed attempts.', 'rate_limited', true],
    ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client', 'unavailable', false],
    ['TooManyRequestsException', 'Rate exceeded', 'unavailable', true],
  ] as const)('maps %s from InitiateAuth to %s', async (type, message, code, retryable) => {
    const { identity } = await world.provider();
    const email = newEmail();
    await identity.register(email, PASSWORD);
    world.server.failNext('InitiateAuth', type, message);
    await expectMapped(identity.login(email, PASSWORD), code, retryable);
  });

  it('maps an expired code to validation_failed and a resend limit to rate_limited', async () => {
    const { identity } = await world.provider({ autoConfirm: false });
    const email = newEmail();
    await identity.register(email, PASSWORD);
    world.server.failNext(
      'ConfirmSignUp',
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
    const expired = await expectMapped(identity.confirmSignUp(email, '123456'), 'validation_failed', false);
    expect(expired.message).toContain('new one');
    world.server.failNext('ResendConfirmationCode', 'LimitExceededException', 'Attempt limit exceeded.');
    await expectMapped(identity.resendConfirmation(email), 'rate_limited', true);
  });

  it('answers a throttled revocation check with unavailable, not unauthorized', async () => {
    const { identity } = await world.provider();
    const email = newEmail();
    await identity.register(email, PASSWORD);
    const { token } = await identity.login(email, PASSWORD);
    world.server.failNext('GetUser', 'TooManyRequestsException', 'Rate exceeded');
    await expectMapped(identity.verify(token), 'unavailable', true);
    world.server.failNext('GlobalSignOut', 'TooManyRequestsException', 'Rate exceeded');
    await expectMapped(identity.logout(token), 'unavailable', true);
    expect((await identity.verify(token)).email).toBe(email);
  });

  it('answers Admin calls on a pool that does not exist with a non-retryable unavailable', async () => {
    const { identity } = await world.provider({ userPoolId: 'us-east-1_Missing' });
    const error = await expectMapped(identity.register(newEmail(), PASSWORD), 'unavailable', false);
    expect(error.details).toMatchObject({
      operation: 'Cognito AdminConfirmSignUp',
      awsError: 'ResourceNotFoundException',
    });
  });

  it('answers a Users table that cannot be read with unavailable', async () => {
    const { identity } = await world.provider();
    const email = newEmail();
    await identity.register(email, PASSWORD);
    const { token } = await identity.login(email, PASSWORD);
    const broken = await world.provider({
      users: new DynamoUsersTable({ client: world.dynalite.client, tableName: 'no-such-table' }),
    });
    const error = await expectMapped(broken.identity.verify(token), 'unavailable', false);
    expect(error.details).toMatchObject({ awsError: 'ResourceNotFoundException' });
  });

  it('answers an unreachable Cognito endpoint with a retryable unavailable', async () => {
    const client = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
    const identity = new CognitoIdentityProvider({
      client,
      users: await world.dynalite.newTable(),
      userPoolId: world.server.userPoolId,
      clientId: world.server.clientId,
      jwksUrl: world.server.jwksUrl,
    });
    await expectMapped(identity.login(newEmail(), PASSWORD), 'unavailable', true);
    client.destroy();
  });
});
