import type { DocentError } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { type JWTPayload, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoTestServer, startCognitoTestServer } from '../../test-support/cognito-test-server.ts';
import {
  accessTokenClaims,
  createTestSigningKey,
  idTokenClaims,
  signTestToken,
  type TestSignIn,
} from '../../test-support/cognito-test-tokens.ts';
import { type CognitoTokenUse, cognitoIssuer, createCognitoJwtVerifier, userPoolRegion } from './verify-cognito-jwt.ts';

const ISSUED_AT = Date.parse('2024-05-01T12:00:00Z') / 1000;
const during = new Date((ISSUED_AT + 60) * 1000);

describe('createCognitoJwtVerifier', () => {
  let server: CognitoTestServer;
  beforeAll(async () => {
    server = await startCognitoTestServer({ region: 'eu-west-1' });
  });
  afterAll(() => server.close());

  const signIn = (overrides: Partial<TestSignIn> = {}): TestSignIn => ({
    issuer: server.issuer,
    clientId: server.clientId,
    sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    username: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    email: 'janedoe@example.com',
    emailVerified: true,
    issuedAt: ISSUED_AT,
    ttlSeconds: 3600,
    originJti: 'origin-1',
    scope: 'aws.cognito.signin.user.admin',
    ...overrides,
  });
  const verifier = (tokenUse: CognitoTokenUse, extra: { clockToleranceSeconds?: number; jwksUrl?: string } = {}) =>
    createCognitoJwtVerifier({
      userPoolId: server.userPoolId,
      clientId: server.clientId,
      tokenUse,
      jwksUrl: server.jwksUrl,
      ...extra,
    });
  const access = (claims: JWTPayload = accessTokenClaims(signIn())) => signTestToken(server.key, claims);
  const rejectedFor = async (promise: Promise<unknown>, reason: string): Promise<DocentError> => {
    const error = await expectDocentError(promise, 'unauthorized');
    expect(error.details).toEqual({ reason });
    return error;
  };

  it('accepts an access token of the pool and client, returning its claims', async () => {
    const claims = await verifier('access')(await access(), during);
    expect(claims).toMatchObject({
      sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      token_use: 'access',
      client_id: server.clientId,
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_DocentTest',
      scope: 'aws.cognito.signin.user.admin',
    });
  });

  it('accepts an ID token (client in aud), with the email claims', async () => {
    const token = await signTestToken(server.key, idTokenClaims(signIn()));
    const claims = await verifier('id')(token, during);
    expect(claims).toMatchObject({ token_use: 'id', aud: server.clientId, email: 'janedoe@example.com' });
    expect(claims.email_verified).toBe(true);
  });

  it('checks expiry against the given time, with the configured tolerance', async () => {
    const token = await access();
    const expiry = (ISSUED_AT + 3600) * 1000;
    await expect(verifier('access')(token, new Date(expiry - 1000))).resolves.toMatchObject({ token_use: 'access' });
    const error = await rejectedFor(verifier('access')(token, new Date(expiry + 1000)), 'expired');
    expect(error.message).toBe('The token has expired.');
    await expect(
      verifier('access', { clockToleranceSeconds: 5 })(token, new Date(expiry + 1000)),
    ).resolves.toMatchObject({ sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
  });

  it("rejects another pool's issuer", async () => {
    const other = accessTokenClaims(signIn({ issuer: cognitoIssuer('eu-west-1', 'eu-west-1_Other') }));
    await rejectedFor(verifier('access')(await access(other), during), 'iss');
  });

  it('rejects a token of another app client: client_id on access tokens, aud on ID tokens', async () => {
    const foreignAccess = await access(accessTokenClaims(signIn({ clientId: 'another-client' })));
    await rejectedFor(verifier('access')(foreignAccess, during), 'client');
    const foreignId = await signTestToken(server.key, idTokenClaims(signIn({ clientId: 'another-client' })));
    await rejectedFor(verifier('id')(foreignId, during), 'client');
  });

  it('rejects the other kind of token (token_use)', async () => {
    const idToken = await signTestToken(server.key, idTokenClaims(signIn()));
    const error = await rejectedFor(verifier('access')(idToken, during), 'token_use');
    expect(error.message).toContain('"id"');
    await rejectedFor(verifier('id')(await access(), during), 'token_use');
  });

  it('rejects tokens signed by a key outside the JWKS, with an unknown or a copied kid', async () => {
    const outsider = await createTestSigningKey();
    await rejectedFor(
      verifier('access')(await signTestToken(outsider, accessTokenClaims(signIn())), during),
      'signature',
    );
    const forged = await signTestToken({ ...outsider, kid: server.key.kid }, accessTokenClaims(signIn()));
    await rejectedFor(verifier('access')(forged, during), 'signature');
  });

  it('rejects malformed tokens, unsigned tokens and tokens without exp', async () => {
    await rejectedFor(verifier('access')('not-a-token', during), 'malformed');
    await rejectedFor(verifier('access')('', during), 'malformed');
    const unsigned = new UnsecuredJWT(accessTokenClaims(signIn())).encode();
    await rejectedFor(verifier('access')(unsigned, during), 'malformed');
    const { exp: _exp, ...eternal } = accessTokenClaims(signIn());
    await rejectedFor(verifier('access')(await access(eternal), during), 'exp');
  });

  it('fetches the JWKS once and reuses it', async () => {
    const verify = verifier('access');
    const before = server.jwksFetches();
    await verify(await access(), during);
    await verify(await access(), during);
    expect(server.jwksFetches() - before).toBe(1);
  });

  it('answers an unreachable JWKS with a retryable unavailable, not unauthorized', async () => {
    const verify = verifier('access', { jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    const error = await expectDocentError(verify(await access(), during), 'unavailable');
    expect(error.retryable).toBe(true);
  });
});

describe('userPoolRegion', () => {
  it("reads the region from the pool id's prefix", () => {
    expect(userPoolRegion('eu-west-1_AbCdEf123')).toBe('eu-west-1');
  });

  it('refuses a pool id without a region prefix', async () => {
    await expectDocentError(() => userPoolRegion('AbCdEf123'), 'validation_failed');
    await expectDocentError(() => userPoolRegion('_AbCdEf123'), 'validation_failed');
  });
});
