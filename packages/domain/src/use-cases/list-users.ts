import type { User } from '../entities/user.ts';
import type { UserDirectory } from '../ports/user-directory.ts';
import type { ListUsersUseCase } from './contracts.ts';

/** Every account of an embedded install, ordered by email. */
export class ListUsers implements ListUsersUseCase {
  readonly #directory: UserDirectory;

  constructor(deps: { directory: UserDirectory }) {
    this.#directory = deps.directory;
  }

  execute(): Promise<User[]> {
    return this.#directory.listUsers();
  }
}
