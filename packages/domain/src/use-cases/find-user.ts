import { normalizeEmail } from '../auth/normalize-email.ts';
import type { User } from '../entities/user.ts';
import type { UserDirectory } from '../ports/user-directory.ts';
import type { FindUserUseCase } from './contracts.ts';

/** An account by email, as typed by an administrator (normalised like every stored email). */
export class FindUser implements FindUserUseCase {
  readonly #directory: UserDirectory;

  constructor(deps: { directory: UserDirectory }) {
    this.#directory = deps.directory;
  }

  execute(input: { email: string }): Promise<User | null> {
    return this.#directory.findByEmail(normalizeEmail(input.email));
  }
}
