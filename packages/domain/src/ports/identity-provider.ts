import type { Principal, Session, User } from '../entities/user.ts';

/**
 * Accounts and sessions. Emails reach it already normalised (trimmed, lower-cased) and passwords
 * already checked against the policy; it owns hashing, token issue and revocation.
 */
export interface IdentityProvider {
  /** Creates an account. Throws `email_taken` when the email is in use. */
  register(email: string, password: string): Promise<User>;
  /** Opens a session. Throws `invalid_credentials` for an unknown email or a wrong password alike. */
  login(email: string, password: string): Promise<Session>;
  /** The caller behind a token. Throws `unauthorized` for an unknown, expired or revoked token. */
  verify(token: string): Promise<Principal>;
  /** Revokes a token; revoking an unknown token is not an error. */
  logout(token: string): Promise<void>;
  /** A user by id, or null. */
  getUser(userId: string): Promise<User | null>;
}
