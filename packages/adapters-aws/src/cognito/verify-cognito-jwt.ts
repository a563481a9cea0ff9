import { DocentError } from '@docent/domain';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

/** Which Cognito token: the ID token (`aud` = client id, has `email`) or the access token (`client_id`). */
export type CognitoTokenUse = 'id' | 'access';

/** Where the tokens come from and what they must say. */
export interface CognitoJwtVerifierOptions {
  /** The user pool id, e.g. `eu-west-1_AbCdEf123`. */
  userPoolId: string;
  /** The pool's region (default: the pool id's prefix before `_`). */
  region?: string;
  /** The app client id the token must be issued to. */
  clientId: string;
  /** The token kind accepted; the other kind is rejected. */
  tokenUse: CognitoTokenUse;
  /** The JWKS to verify signatures with (default: the pool's `{issuer}/.well-known/jwks.json`); tests serve one locally. */
  jwksUrl?: string;
  /** Leeway for `exp` in seconds, for clock skew between Cognito and this host (default 0). */
  clockToleranceSeconds?: number;
}

/** The claims of a verified Cognito token: `sub` always; `email` on ID tokens; `username`, `scope` on access tokens. */
export interface CognitoJwtClaims extends JWTPayload {
  sub: string;
  token_use: CognitoTokenUse;
  email?: string;
  email_verified?: boolean;
  'cognito:username'?: string;
  username?: string;
  client_id?: string;
  scope?: string;
}

/**
 * Verifies one token, at `now` (default: the current time); resolves its claims, rejects with DocentError
 * `unauthorized` (details.reason says why) or, when the JWKS cannot be fetched, `unavailable` (retryable).
 */
export type CognitoJwtVerifier = (token: string, now?: Date) => Promise<CognitoJwtClaims>;

/** The `iss` of every token of a user pool. */
export const cognitoIssuer = (region: string, userPoolId: string): string =>
  `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;

/** The pool id's region: `eu-west-1_AbCdEf123` → `eu-west-1`. */
export const userPoolRegion = (userPoolId: string): string => {
  const region = userPoolId.split('_')[0] ?? '';
  if (region === '' || region === userPoolId) {
    throw new DocentError('validation_failed', `Cannot tell the region of user pool id "${userPoolId}"; pass region.`);
  }
  return region;
};

/**
 * A verifier of Cognito JWTs, checked locally with `jose` (shared by the IdentityProvider and the Lambda
 * authorizer): an RS256 signature by a key of the pool's JWKS (fetched once, then cached and refetched
 * for an unknown `kid`), the pool's issuer, `exp`, `token_use`, and the client: `aud` on ID tokens,
 * `client_id` on access tokens. Local checks cannot see revocation (GlobalSignOut): only Cognito can.
 */
export const createCognitoJwtVerifier = (options: CognitoJwtVerifierOptions): CognitoJwtVerifier => {
  const issuer = cognitoIssuer(options.region ?? userPoolRegion(options.userPoolId), options.userPoolId);
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl ?? `${issuer}/.well-known/jwks.json`));
  const clockTolerance = options.clockToleranceSeconds ?? 0;
  return async (token, now = new Date()) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        algorithms: ['RS256'],
        currentDate: now,
        clockTolerance,
        requiredClaims: ['sub', 'exp', 'token_use'],
      }));
    } catch (error) {
      throw verificationFailure(error);
    }
    if (payload.token_use !== options.tokenUse) {
      throw rejected(
        'token_use',
        `Expected a Cognito ${options.tokenUse} token, got token_use "${payload.token_use}".`,
      );
    }
    const client = options.tokenUse === 'id' ? payload.aud : payload.client_id;
    if (client !== options.clientId) {
      throw rejected('client', 'The token was issued to another app client.');
    }
    return payload as CognitoJwtClaims;
  };
};

const rejected = (reason: string, message: string, cause?: unknown): DocentError =>
  new DocentError('unauthorized', message, { details: { reason }, cause });

const verificationFailure = (error: unknown): DocentError => {
  if (error instanceof errors.JWTExpired) return rejected('expired', 'The token has expired.', error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    return rejected(error.claim, `The token's "${error.claim}" claim is not acceptable.`, error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return rejected('signature', 'The token is not signed by this user pool.', error);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return rejected('malformed', 'The token is not a valid Cognito JWT.', error);
  }
  // What is left is about reaching the JWKS (timeout, non-200, bad JSON, network), not about the token.
  return new DocentError('unavailable', "The user pool's signing keys could not be fetched.", {
    retryable: true,
    cause: error,
  });
};
