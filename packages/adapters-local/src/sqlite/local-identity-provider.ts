import { createHash, randomBytes } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock, IdentityProvider, Ids, Principal, Session, User, UserDirectory } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams, verifyPassword } from './password-hasher.ts';
import { isConstraintViolation } from './sqlite-errors.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** Options of the local identity provider. */
export interface LocalIdentityOptions {
  clock: Clock;
  ids: Ids;
  /** How long a session token works after login. */
  sessionTtlMs: number;
  /** scrypt work factors for new hashes (tests lower them for speed). */
  scrypt?: ScryptParams;
}

interface UserRow {
  id: string;
  email: string;
  /** Null for an account opened through an external provider: no password opens it. */
  password_hash: string | null;
  created_at: string;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, createdAt: row.created_at });

/** Only the SHA-256 of a token is stored, so a leaked database cannot be replayed as sessions. */
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Accounts and sessions for the local server: scrypt password hashes with per-user salts (none for
 * accounts opened through a provider), and opaque random 256-bit session tokens kept (hashed) in
 * `sessions` until they expire or log out.
 */
export class LocalIdentityProvider implements IdentityProvider, UserDirectory {
  readonly #uow: SqliteUnitOfWork;
  readonly #options: LocalIdentityOptions;
  readonly #scrypt: ScryptParams;
  /** Hashed once, then checked for unknown emails so they cost as much time as a wrong password. */
  #decoyHash: Promise<string> | null = null;
  readonly #insertUser: StatementSync;
  readonly #userByEmail: StatementSync;
  readonly #userById: StatementSync;
  readonly #allUsers: StatementSync;
  readonly #insertSession: StatementSync;
  readonly #sessionUser: StatementSync;
  readonly #deleteSession: StatementSync;
  readonly #deleteExpired: StatementSync;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, options: LocalIdentityOptions) {
    if (!(options.sessionTtlMs > 0)) throw new DocentError('validation_failed', 'sessionTtlMs must be positive');
    this.#uow = uow;
    this.#options = options;
    this.#scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.#insertUser = db.prepare('INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.#userByEmail = db.prepare('SELECT * FROM users WHERE email = ?');
    this.#userById = db.prepare('SELECT * FROM users WHERE id = ?');
    this.#allUsers = db.prepare('SELECT * FROM users ORDER BY email');
    this.#insertSession = db.prepare('INSERT INTO sessions (token_hash, user_id, expires_ms) VALUES (?, ?, ?)');
    this.#sessionUser = db.prepare(
      `SELECT u.id, u.email FROM sessions AS s JOIN users AS u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_ms > ?`,
    );
    this.#deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.#deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_ms <= ?');
  }

  /** Creates an account; `email_taken` when the email (case-insensitively) is in use. */
  async register(email: string, password: string): Promise<User> {
    const passwordHash = await hashPassword(password, this.#scrypt);
    const user: User = { id: this.#options.ids.newId(), email, createdAt: this.#options.clock.now().toISOString() };
    await this.#uow.write(() => {
      try {
        this.#insertUser.run(user.id, user.email, passwordHash, user.createdAt);
      } catch (error) {
        if (!isConstraintViolation(error)) throw error;
        throw new DocentError('email_taken', 'This email is already registered', { cause: error });
      }
    });
    return user;
  }

  /** Checks the password and opens a session; `invalid_credentials` whatever was wrong. */
  async login(email: string, password: string): Promise<Session> {
    const row = await this.#uow.read(() => this.#userByEmail.get(email) as UserRow | undefined);
    // A password-less account is checked against the decoy too, so it answers as slowly as any other.
    const valid = await verifyPassword(password, row?.password_hash ?? (await this.#decoy()));
    if (row?.password_hash == null || !valid) throw new DocentError('invalid_credentials', 'Wrong email or password');
    return this.#openSession(row);
  }

  /** Opens a session for the account with this email, creating it without a password if needed. */
  async signInExternal(email: string): Promise<Session> {
    const row = await this.#uow.write(() => {
      const existing = this.#userByEmail.get(email) as UserRow | undefined;
      if (existing !== undefined) return existing;
      const created: UserRow = {
        id: this.#options.ids.newId(),
        email,
        password_hash: null,
        created_at: this.#options.clock.now().toISOString(),
      };
      this.#insertUser.run(created.id, created.email, null, created.created_at);
      return created;
    });
    return this.#openSession(row);
  }

  async #openSession(row: UserRow): Promise<Session> {
    const token = randomBytes(32).toString('base64url');
    const now = this.#options.clock.now().getTime();
    const expiresMs = now + this.#options.sessionTtlMs;
    await this.#uow.write(() => {
      // Expired sessions are swept here, the one place sessions are created, so the table stays small.
      this.#deleteExpired.run(now);
      this.#insertSession.run(tokenHash(token), row.id, expiresMs);
    });
    return { token, expiresAt: new Date(expiresMs).toISOString(), user: toUser(row) };
  }

  /** The principal behind a live token; `unauthorized` otherwise. */
  async verify(token: string): Promise<Principal> {
    const now = this.#options.clock.now().getTime();
    const row = await this.#uow.read(
      () => this.#sessionUser.get(tokenHash(token), now) as { id: string; email: string } | undefined,
    );
    if (row === undefined) throw new DocentError('unauthorized', 'The session is unknown, expired or revoked');
    return { userId: row.id, email: row.email };
  }

  /** Revokes the token; unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    await this.#uow.write(() => this.#deleteSession.run(tokenHash(token)));
  }

  /** A user by id, or null. */
  async getUser(userId: string): Promise<User | null> {
    const row = await this.#uow.read(() => this.#userById.get(userId) as UserRow | undefined);
    return row === undefined ? null : toUser(row);
  }

  /** Every account, ordered by email. */
  async listUsers(): Promise<User[]> {
    const rows = await this.#uow.read(() => this.#allUsers.all() as unknown as UserRow[]);
    return rows.map(toUser);
  }

  /** The account with this email, or null. */
  async findByEmail(email: string): Promise<User | null> {
    const row = await this.#uow.read(() => this.#userByEmail.get(email) as UserRow | undefined);
    return row === undefined ? null : toUser(row);
  }

  #decoy(): Promise<string> {
    this.#decoyHash ??= hashPassword(randomBytes(16).toString('hex'), this.#scrypt);
    return this.#decoyHash;
  }
}
