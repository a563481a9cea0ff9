import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CognitoTokenUse, createCognitoJwtVerifier } from '@docent/adapters-aws';
import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext, readAwsFixture } from '../test-support/aws-fixtures.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { createAuthorizerHandler } from './authorizer-handler.ts';
import { createObservability } from './observability.ts';

const USER_POOL_ID = 'eu-west-1_DocentTest';
const ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${USER_POOL_ID}`;
const CLIENT_ID = 'docent-web-client';
const SUB = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const KID = 'docent-test-key';
/** The fixtures' method ARN, widened to the whole stage. */
const STAGE_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:puhdx84jy9/prod/*';

let poolKey: CryptoKey;
let forgerKey: CryptoKey;
let jwks: Server;
let jwksUrl: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  poolKey = pair.privateKey;
  forgerKey = (await generateKeyPair('RS256')).privateKey;
  const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] });
  jwks = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const now = () => Math.floor(Date.now() / 1000);

/** A Cognito access token's claims (see the developer guide), valid for an hour from now. */
const accessClaims = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: SUB,
  iss: ISSUER,
  client_id: CLIENT_ID,
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  auth_time: now(),
  iat: now(),
  exp: now() + 3600,
  jti: 'jti-1',
  username: SUB,
  ...overrides,
});

/** The ID token of the same sign-in, as the fixture's claim names have it. */
const idClaims = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: SUB,
  aud: CLIENT_ID,
  email_verified: true,
  token_use: 'id',
  auth_time: now(),
  iss: ISSUER,
  'cognito:username': SUB,
  exp: now() + 3600,
  iat: now(),
  email: 'janedoe@example.com',
  ...overrides,
});

const sign = (claims: JWTPayload, key: CryptoKey = poolKey) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(key);

const handlerFor = (tokenUse: CognitoTokenUse = 'access', url = jwksUrl) => {
  const verifier = createCognitoJwtVerifier({ userPoolId: USER_POOL_ID, clientId: CLIENT_ID, tokenUse, jwksUrl: url });
  return createAuthorizerHandler({ verify: async () => verifier, observability: createObservability() });
};

/** The recorded TOKEN event, carrying another Authorization value. */
const tokenEvent = async (authorization: string): Promise<APIGatewayTokenAuthorizerEvent> => ({
  ...(await readAwsFixture<APIGatewayTokenAuthorizerEvent>('apigw-rest-custom-authorizer-token.json')),
  authorizationToken: authorization,
});

/** The recorded REQUEST event, with another Authorization header (or none). */
const requestEvent = async (authorization?: string): Promise<APIGatewayRequestAuthorizerEvent> => {
  const recorded = await readAwsFixture<APIGatewayRequestAuthorizerEvent>('apigw-rest-custom-authorizer-request.json');
  const { Authorization: _single, ...headers } = recorded.headers ?? {};
  const { Authorization: _multi, ...multiValueHeaders } = recorded.multiValueHeaders ?? {};
  return authorization === undefined
    ? { ...recorded, headers, multiValueHeaders }
    : {
        ...recorded,
        headers: { ...headers, Authorization: authorization },
        multiValueHeaders: { ...multiValueHeaders, Authorization: [authorization] },
      };
};

const context = lambdaContext('authorizer-1');

describe('authorizer on the recorded TOKEN and REQUEST events', () => {
  it('allows a valid access token on every method of the stage, with the sub as principal and user id', async () => {
    const token = await sign(accessClaims());
    const result = await handlerFor()(await tokenEvent(`Bearer ${token}`), context);
    expect(result).toEqual({
      principalId: SUB,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_ARN }],
      },
      context: { userId: SUB },
    });
    const logged = output.json().find((line) => line.message === 'Allowed a request');
    expect(logged).toMatchObject({ sub: SUB, function_request_id: 'authorizer-1' });
    expect(JSON.stringify(output.json())).not.toContain(token);
  });

  it('reads the Authorization header of a REQUEST event, and passes an ID token’s email on', async () => {
    const token = await sign(idClaims());
    const result = await handlerFor('id')(await requestEvent(`Bearer ${token}`), context);
    expect(result.principalId).toBe(SUB);
    expect(result.context).toEqual({ userId: SUB, email: 'janedoe@example.com' });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_ARN },
    ]);
  });

  const refusals: [string, () => Promise<string>][] = [
    ['the recorded `Bearer foo`', async () => 'Bearer foo'],
    ['an expired token', async () => `Bearer ${await sign(accessClaims({ iat: now() - 7200, exp: now() - 60 }))}`],
    [
      'another issuer',
      async () =>
        `Bearer ${await sign(accessClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }))}`,
    ],
    ['another app client', async () => `Bearer ${await sign(accessClaims({ client_id: 'someone-else' }))}`],
    ['an ID token where access tokens are expected', async () => `Bearer ${await sign(idClaims())}`],
    ['a signature by another key', async () => `Bearer ${await sign(accessClaims(), forgerKey)}`],
    ['no Bearer scheme', async () => await sign(accessClaims())],
    ['an empty header', async () => ''],
  ];
  for (const [what, authorization] of refusals) {
    it(`answers "Unauthorized" (401) for ${what}, on both event types`, async () => {
      const handler = handlerFor();
      const header = await authorization();
      await expect(handler(await tokenEvent(header), context)).rejects.toThrow(/^Unauthorized$/u);
      await expect(handler(await requestEvent(header), context)).rejects.toThrow(/^Unauthorized$/u);
    });
  }

  it('answers "Unauthorized" for a REQUEST event without an Authorization header', async () => {
    await expect(handlerFor()(await requestEvent(), context)).rejects.toThrow(/^Unauthorized$/u);
    const refused = output.json().find((line) => line.message === 'Refused a request');
    expect(refused).toMatchObject({ type: 'REQUEST', reason: 'no bearer token' });
  });

  it('logs why a token was refused, never the token', async () => {
    const token = await sign(accessClaims({ iat: now() - 7200, exp: now() - 60 }));
    await expect(handlerFor()(await tokenEvent(`Bearer ${token}`), context)).rejects.toThrow('Unauthorized');
    expect(output.json().find((line) => line.message === 'Refused a request')).toMatchObject({ reason: 'expired' });
    expect(JSON.stringify(output.json())).not.toContain(token);
  });

  it('fails with a server error, not "Unauthorized", when the signing keys cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const handler = handlerFor('access', `http://127.0.0.1:${port}/.well-known/jwks.json`);
    const token = await sign(accessClaims());
    const failure = handler(await tokenEvent(`Bearer ${token}`), context);
    await expect(failure).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });
});
