import type { Principal, Session, User } from '../entities/user.ts';

/**
 * Accounts and sessions. Emails reach it already normalised (trimmed, lower-cased) and passwords
 * already checked against the policy; it owns hashing, token issue and revocation.
 */
export interface IdentityProvider {
  /**
   * Creates an account. Throws `email_taken` when the email is in use, after the same password work
   * as a creation (hashing), so the two outcomes cannot be told apart by their timing.
   */
  register(email: string, password: string): Promise<User>;
  /** Opens a session. Throws `invalid_credentials` for an unknown email or a wrong password alike. */
  login(email: string, password: string): Promise<Session>;
  /** The caller behind a token. Throws `unauthorized` for an unknown, expired or revoked token. */
  verify(token: string): Promise<Principal>;
  /**
   * Opens a session for the account with this email, creating it without a password when there is
   * none: for people a trusted provider has vouched for (a verified email). Password login keeps
   * failing with `invalid_credentials` for an account created here.
   */
  signInExternal(email: string): Promise<Session>;
  /** Revokes a token; revoking an unknown token is not an error. */
  logout(token: string): Promise<void>;
  /** A user by id, or null. */
  getUser(userId: string): Promise<User | null>;
}
