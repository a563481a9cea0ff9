import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoTestServer, startCognitoTestServer } from '../../test-support/cognito-test-server.ts';
import { ID_TOKEN_FIXTURE } from '../../test-support/cognito-test-tokens.ts';

// The server is a stand-in for Cognito in every other test, so its wire shapes are checked against
// the recorded ID token and Cognito's JSON 1.1 protocol here, with plain fetch.
describe('Cognito test server', () => {
  let server: CognitoTestServer;
  beforeAll(async () => {
    server = await startCognitoTestServer();
  });
  afterAll(() => server.close());

  const call = async (operation: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(server.baseUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it("issues ID tokens with exactly the recorded payload's claims (less attributes the user lacks)", async () => {
    const fixture = JSON.parse(readFileSync(ID_TOKEN_FIXTURE, 'utf8')) as Record<string, unknown>;
    const tokens = await server.pool.federatedSignIn('janedoe@example.com');
    const claims = decodeJwt(tokens.IdToken);
    const expected = Object.keys(fixture).filter((name) => name !== 'given_name');
    expect(Object.keys(claims).sort()).toEqual(expected.sort());
    for (const name of expected) expect(typeof claims[name]).toBe(typeof fixture[name]);
    expect(claims).toMatchObject({ token_use: 'id', aud: server.clientId, iss: server.issuer, email_verified: true });
    expect(claims.exp).toBe((claims.iat ?? 0) + 3600);
    expect(decodeJwt(tokens.AccessToken)).toMatchObject({ origin_jti: claims.origin_jti, token_use: 'access' });
  });

  it('serves the JWKS with the key that signs the tokens', async () => {
    const tokens = await server.pool.federatedSignIn('jwks@example.com');
    const jwks = (await (await fetch(server.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: server.key.kid });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(decodeProtectedHeader(tokens.AccessToken)).toEqual({ alg: 'RS256', kid: server.key.kid });
  });

  it("answers errors in Cognito's shape: __type and message with HTTP 400", async () => {
    const weak = await call('SignUp', { ClientId: server.clientId, Username: 'weak@example.com', Password: 'x' });
    expect(weak).toEqual({
      status: 400,
      body: {
        __type: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password not long enough',
      },
    });
    const client = await call('SignUp', { ClientId: 'nope', Username: 'a@example.com', Password: 'long enough pass' });
    expect(client.body.__type).toBe('ResourceNotFoundException');
    expect((await call('DescribeUserPool', {})).body.__type).toBe('UnknownOperationException');
  });

  it('refuses unsigned Admin calls, as the real service does', async () => {
    const unsigned = await call('AdminConfirmSignUp', { UserPoolId: server.userPoolId, Username: 'a@example.com' });
    expect(unsigned.body.__type).toBe('MissingAuthenticationTokenException');
  });

  it('checks access tokens itself on GetUser: junk, revoked', async () => {
    expect((await call('GetUser', { AccessToken: 'junk' })).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    const tokens = await server.pool.federatedSignIn('revoked@example.com');
    const user = await call('GetUser', { AccessToken: tokens.AccessToken });
    expect(user.body.UserAttributes).toContainEqual({ Name: 'email', Value: 'revoked@example.com' });
    expect((await call('GlobalSignOut', { AccessToken: tokens.AccessToken })).status).toBe(200);
    expect((await call('GetUser', { AccessToken: tokens.AccessToken })).body.message).toBe(
      'Access Token has been revoked',
    );
  });
});
