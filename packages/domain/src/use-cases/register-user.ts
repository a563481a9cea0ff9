import { normalizeEmail } from '../auth/normalize-email.ts';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import { isDocentError } from '../errors.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { RegisterUserUseCase } from './contracts.ts';

/**
 * Creates an account after checking the email's shape and the password policy. A taken email is
 * not reported: the caller gets the same answer either way and signs in next, where an existing
 * account with another password meets the ordinary "wrong email or password". So registration
 * cannot be used to find out who has an account (the identity providers hash the password before
 * they look the email up, so both cases also take about as long).
 */
export class RegisterUser implements RegisterUserUseCase {
  readonly #identity: IdentityProvider;

  constructor(deps: { identity: IdentityProvider }) {
    this.#identity = deps.identity;
  }

  /** Throws `validation_failed` or `weak_password`, whether or not the email is taken. */
  async execute(input: { email: string; password: string }): Promise<void> {
    const email = normalizeEmail(input.email);
    checkPasswordPolicy(input.password);
    try {
      await this.#identity.register(email, input.password);
    } catch (error) {
      if (!(isDocentError(error) && error.code === 'email_taken')) throw error;
    }
  }
}
