import { normalizeEmail } from '../auth/normalize-email.ts';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import type { User } from '../entities/user.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { RegisterUserUseCase } from './contracts.ts';

/** Creates an account after checking the email's shape and the password policy. */
export class RegisterUser implements RegisterUserUseCase {
  readonly #identity: IdentityProvider;

  constructor(deps: { identity: IdentityProvider }) {
    this.#identity = deps.identity;
  }

  /** Throws `validation_failed`, `weak_password` or `email_taken`. */
  async execute(input: { email: string; password: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    checkPasswordPolicy(input.password);
    return this.#identity.register(email, input.password);
  }
}
