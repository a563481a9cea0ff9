import type { User } from '../entities/user.ts';

/**
 * The accounts as an administrator of an embedded install sees them (the library's `users`, the
 * CLI's `users list`). Optional: bound where accounts live in our own store (SQLite, in memory),
 * not where a hosted provider owns them (Cognito).
 */
export interface UserDirectory {
  /** Every account, ordered by email. Meant for local installs with a handful of users. */
  listUsers(): Promise<User[]>;
  /** The account with this email (already normalised), or null. */
  findByEmail(email: string): Promise<User | null>;
}
