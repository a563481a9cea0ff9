import type { Principal, UseCases, User } from '@docent/domain';
import { DocentError } from '@docent/domain';

/**
 * The account an embedded store acts for when the caller names nobody (the library's `owner`, the
 * CLI's `--user`), so "ingest, then ask" works in an empty data dir with no other step. The
 * reserved `.invalid` domain says it is no mailbox; it has no password, so it cannot sign in to the server.
 */
export const LOCAL_USER_EMAIL = 'local@docent.invalid';

type UserAdministration = Required<Pick<UseCases, 'addUser' | 'findUser' | 'listUsers'>>;

/** The use cases that manage accounts, which an embedded store (SQLite or memory) always has. */
export const userAdministration = (useCases: UseCases): UserAdministration => {
  const { addUser, findUser, listUsers } = useCases;
  if (addUser === undefined || findUser === undefined || listUsers === undefined) {
    throw new DocentError('unavailable', 'This store has no user directory');
  }
  return { addUser, findUser, listUsers };
};

/** The account with this email, created without a password when `create` and it is missing; else `not_found`. */
export const userFor = async (useCases: UseCases, email: string, options: { create: boolean }): Promise<User> => {
  const { addUser, findUser } = userAdministration(useCases);
  const user = (await findUser.execute({ email })) ?? (options.create ? await addUser.execute({ email }) : null);
  if (user === null) throw new DocentError('not_found', `No user has the email ${email}`, { details: { email } });
  return user;
};

/** Who acts, for the use cases: the account's id and email. */
export const principalOf = (user: User): Principal => ({ userId: user.id, email: user.email });
