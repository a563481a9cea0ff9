/** A person with an account. Emails are stored lower-cased and trimmed. */
export interface User {
  id: string;
  email: string;
  /** ISO-8601 timestamp. */
  createdAt: string;
}

/** A signed-in session as returned to the client. */
export interface Session {
  token: string;
  /** ISO-8601 timestamp after which the token no longer works. */
  expiresAt: string;
  user: User;
}

/** Who is calling, as established from a verified token. */
export interface Principal {
  userId: string;
  email: string;
}
