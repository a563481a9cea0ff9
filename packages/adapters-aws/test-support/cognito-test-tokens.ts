import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** The recorded ID-token payload of the Cognito developer guide: the claim set the test server issues. */
export const ID_TOKEN_FIXTURE = path.resolve(
  import.meta.dirname,
  '../../../../shared/fixtures/aws/cognito-id-token-payload.docs.json',
);

/** An RS256 key pair as a user pool holds one: the private half signs, the public half is in the JWKS. */
export interface TestSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as it appears in `/.well-known/jwks.json`. */
  publicJwk: JWK;
}

/** Generates a key pair with a fresh `kid`. */
export const createTestSigningKey = async (): Promise<TestSigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
};

/** Signs `claims` as a Cognito JWT (RS256, `kid` in the header; `alg` may be overridden to forge tokens). */
export const signTestToken = (key: TestSigningKey, claims: JWTPayload, alg = 'RS256'): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).sign(key.privateKey);

/** One sign-in of one user, from which both tokens are cut. */
export interface TestSignIn {
  issuer: string;
  clientId: string;
  sub: string;
  /** Cognito's internal username: the sub for email-username accounts, `Google_…` for federated ones. */
  username: string;
  email: string;
  emailVerified: boolean;
  /** Seconds since the epoch. */
  issuedAt: number;
  ttlSeconds: number;
  /** The id of the sign-in (`origin_jti`), shared by its ID and access tokens, named by revocation. */
  originJti: string;
  /** The OAuth scopes of the access token. */
  scope: string;
}

let fixtureClaims: Record<string, unknown> | undefined;

/**
 * The ID token's claims: exactly the claim names of the recorded payload, filled for this user; claims
 * for attributes the user has not got (`given_name`) are left out, as Cognito does.
 */
export const idTokenClaims = (signIn: TestSignIn): JWTPayload => {
  fixtureClaims ??= JSON.parse(readFileSync(ID_TOKEN_FIXTURE, 'utf8')) as Record<string, unknown>;
  const values: Record<string, unknown> = {
    sub: signIn.sub,
    aud: signIn.clientId,
    email_verified: signIn.emailVerified,
    token_use: 'id',
    auth_time: signIn.issuedAt,
    iss: signIn.issuer,
    'cognito:username': signIn.username,
    exp: signIn.issuedAt + signIn.ttlSeconds,
    iat: signIn.issuedAt,
    email: signIn.email,
    jti: randomUUID(),
    origin_jti: signIn.originJti,
  };
  return Object.fromEntries(
    Object.keys(fixtureClaims).flatMap((name) => (name in values ? [[name, values[name]]] : [])),
  );
};

/** The access token's claims, as the Cognito developer guide lists them ("Using the access token"). */
export const accessTokenClaims = (signIn: TestSignIn): JWTPayload => ({
  sub: signIn.sub,
  iss: signIn.issuer,
  client_id: signIn.clientId,
  origin_jti: signIn.originJti,
  event_id: randomUUID(),
  token_use: 'access',
  scope: signIn.scope,
  auth_time: signIn.issuedAt,
  exp: signIn.issuedAt + signIn.ttlSeconds,
  iat: signIn.issuedAt,
  jti: randomUUID(),
  username: signIn.username,
});
