import { type CognitoJwtVerifier, createCognitoJwtVerifier } from '@docent/adapters-aws';
import { isDocentError } from '@docent/domain';
import type { APIGatewayAuthorizerResult, Context } from 'aws-lambda';
import { loadAuthorizerConfig } from './authorizer-config.ts';
import { type AuthorizerEvent, allowPolicy, bearerTokenOf } from './authorizer-policy.ts';
import { instrumented } from './invocation.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';
import { once } from './once.ts';

/** What the authorizer needs: a verifier of the pool's tokens. */
export interface AuthorizerHandlerDeps {
  verify: () => Promise<CognitoJwtVerifier>;
  observability: Observability;
}

/** The error message API Gateway turns into a 401 (any other error is a 500). */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * The API Gateway Lambda authorizer (TOKEN or REQUEST type) for Cognito JWTs: a valid token gets an
 * Allow of every method of the stage (the policy is cached per token, see `stageWildcard`), with
 * `principalId` and `context.userId` the token's `sub` and `context.email` its email when it has one
 * (ID tokens do; access tokens do not).
 *
 * Per the API Gateway contract, a missing, malformed, expired, foreign or forged token makes the
 * authorizer fail with exactly `Unauthorized`, which the client sees as 401. No Deny policy is
 * returned: a Deny (403) is for known callers without access, and every signed-in user may call
 * every route (per-document ownership is the app's business). When the pool's signing keys cannot
 * be fetched, the error is rethrown as is: a 500, which API Gateway does not cache, instead of
 * telling a legitimate caller that their token is bad.
 */
export const createAuthorizerHandler =
  (deps: AuthorizerHandlerDeps) =>
  (event: AuthorizerEvent, context: Context): Promise<APIGatewayAuthorizerResult> =>
    instrumented(deps.observability, context, 'authorizer', async () => {
      const { logger } = deps.observability;
      const token = bearerTokenOf(event);
      if (token === null) {
        logger.info('Refused a request', { type: event.type, reason: 'no bearer token' });
        throw new Error(UNAUTHORIZED);
      }
      const verify = await deps.verify();
      try {
        const claims = await verify(token);
        logger.info('Allowed a request', { type: event.type, sub: claims.sub, tokenUse: claims.token_use });
        return allowPolicy(claims.sub, event.methodArn, {
          userId: claims.sub,
          ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
        });
      } catch (error) {
        if (!isDocentError(error) || error.code !== 'unauthorized') throw error;
        // The reason, never the token: a log line must not be a credential.
        logger.info('Refused a request', { type: event.type, reason: error.details?.reason ?? error.message });
        throw new Error(UNAUTHORIZED);
      }
    });

/** The deployed handler (`authorizer` function): the verifier and its JWKS cache live as long as the container. */
export const handler = createAuthorizerHandler({
  // Access tokens: they are the API's bearer tokens (see CognitoIdentityProvider).
  verify: once(async () => createCognitoJwtVerifier({ ...loadAuthorizerConfig(process.env), tokenUse: 'access' })),
  observability: lambdaObservability,
});
