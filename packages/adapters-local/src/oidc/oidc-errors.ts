import { DocentError } from '@docent/domain';
import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

/** Whether a failure is the provider being unreachable or overloaded, rather than a refusal. */
const isTransient = (error: unknown): boolean => {
  // fetch rejects with a bare TypeError when the connection fails; openid-client's own argument
  // errors are TypeErrors too, but they carry a `code`.
  if (error instanceof TypeError) return !('code' in error);
  if (error instanceof ResponseBodyError) return error.status >= 500;
  if (error instanceof ClientError) {
    if (error.code === 'OAUTH_TIMEOUT') return true;
    return error.cause instanceof Response && error.cause.status >= 500;
  }
  return false;
};

const describe = (error: unknown): string => {
  if (error instanceof AuthorizationResponseError || error instanceof ResponseBodyError) {
    return error.error_description === undefined ? error.error : `${error.error}: ${error.error_description}`;
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * Translates an openid-client failure into `oidc_failed`: retryable when the provider could not
 * be reached or answered 5xx, not when it refused the login or its answer failed validation
 * (state, nonce, signature...). The provider's name goes into the message for the sign-in page.
 */
export const toOidcError = (error: unknown, provider: string): DocentError => {
  if (error instanceof DocentError) return error;
  if (isTransient(error)) {
    return new DocentError('oidc_failed', `${provider} could not be reached; try again in a moment.`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof AuthorizationResponseError) {
    return new DocentError('oidc_failed', `${provider} did not sign you in (${describe(error)}).`, { cause: error });
  }
  return new DocentError('oidc_failed', `Signing in with ${provider} failed: ${describe(error)}.`, { cause: error });
};
