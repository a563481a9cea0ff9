import { normalizeEmail } from '../auth/normalize-email.ts';
import type { Session } from '../entities/user.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { OidcClient, OidcLoginStart } from '../ports/oidc-client.ts';
import type { FinishOidcLoginInput, FinishOidcLoginUseCase, StartOidcLoginUseCase } from './contracts.ts';

/** Starts a sign-in with the configured OpenID Connect provider. */
export class StartOidcLogin implements StartOidcLoginUseCase {
  readonly #oidc: OidcClient;

  constructor(deps: { oidc: OidcClient }) {
    this.#oidc = deps.oidc;
  }

  /** Throws `oidc_failed` (retryable) when the provider's metadata cannot be fetched. */
  execute(): Promise<OidcLoginStart> {
    return this.#oidc.startLogin();
  }
}

/**
 * Finishes a provider sign-in: accounts are linked by verified email only, because an unverified
 * address would let anyone who can type an email into the provider take over the Docent account
 * registered with it.
 */
export class FinishOidcLogin implements FinishOidcLoginUseCase {
  readonly #oidc: OidcClient;
  readonly #identity: IdentityProvider;

  constructor(deps: { oidc: OidcClient; identity: IdentityProvider }) {
    this.#oidc = deps.oidc;
    this.#identity = deps.identity;
  }

  /** Throws `oidc_failed`, or `oidc_email_unverified` when the provider does not vouch for the email. */
  async execute(input: FinishOidcLoginInput): Promise<Session> {
    const identity = await this.#oidc.finishLogin(input.callbackUrl, input.checks);
    if (identity.emailVerified !== true) {
      throw new DocentError(
        'oidc_email_unverified',
        `${this.#oidc.name} has not verified the email address of this account; verify it there, then sign in again.`,
      );
    }
    return this.#identity.signInExternal(providerEmail(identity.email, this.#oidc.name));
  }
}

const providerEmail = (email: string, provider: string): string => {
  try {
    return normalizeEmail(email);
  } catch (error) {
    if (!isDocentError(error)) throw error;
    throw new DocentError('oidc_failed', `${provider} returned an email address Docent cannot use.`, { cause: error });
  }
};
