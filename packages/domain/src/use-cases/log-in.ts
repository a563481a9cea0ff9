import type { Session } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { LogInUseCase } from './contracts.ts';

/** Opens a session for an email and password. */
export class LogIn implements LogInUseCase {
  readonly #identity: IdentityProvider;

  constructor(deps: { identity: IdentityProvider }) {
    this.#identity = deps.identity;
  }

  /**
   * Throws `invalid_credentials` for any mismatch, including a malformed email: a login form
   * should not tell which part was wrong.
   */
  async execute(input: { email: string; password: string }): Promise<Session> {
    const email = input.email.trim().toLowerCase();
    if (email === '' || input.password === '') {
      throw new DocentError('invalid_credentials', 'The email or password is wrong.');
    }
    return this.#identity.login(email, input.password);
  }
}
