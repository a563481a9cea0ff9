import { normalizeEmail } from '../auth/normalize-email.ts';
import { checkPasswordPolicy } from '../auth/password-policy.ts';
import type { User } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { UserDirectory } from '../ports/user-directory.ts';
import type { AddUserUseCase } from './contracts.ts';

/**
 * An administrator adds an account (library `users.add`, CLI `users add`). Unlike `RegisterUser`
 * it says when the email is taken: the caller already owns the whole store.
 */
export class AddUser implements AddUserUseCase {
  readonly #deps: { identity: IdentityProvider; directory: UserDirectory };

  constructor(deps: { identity: IdentityProvider; directory: UserDirectory }) {
    this.#deps = deps;
  }

  async execute(input: { email: string; password?: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    if (input.password !== undefined) {
      checkPasswordPolicy(input.password);
      return this.#deps.identity.register(email, input.password);
    }
    if ((await this.#deps.directory.findByEmail(email)) !== null) {
      throw new DocentError('email_taken', 'This email is already registered');
    }
    // The port's way to create an account without a password; the session it opens is not needed.
    const session = await this.#deps.identity.signInExternal(email);
    await this.#deps.identity.logout(session.token);
    return session.user;
  }
}
