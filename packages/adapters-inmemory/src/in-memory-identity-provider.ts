import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import {
  type Clock,
  createRandomIds,
  DocentError,
  type IdentityProvider,
  type Ids,
  type Principal,
  type Session,
  systemClock,
  type User,
  type UserDirectory,
} from '@docent/domain';

/** Options of InMemoryIdentityProvider; every field has a default. */
export interface InMemoryIdentityProviderOptions {
  /** Time source for account creation and token expiry (default: the system clock). */
  clock?: Clock;
  /** User id generator (default: time-sortable random ids). */
  ids?: Ids;
  /** How long a session token works (default 7 days). */
  sessionTtlMs?: number;
  /** scrypt cost parameters (default N 16384, r 8, p 1: OWASP's minimum for scrypt). */
  scrypt?: { N: number; r: number; p: number };
}

interface Account {
  user: User;
  /** Null for an account created by `signInExternal`: no password opens it. */
  password: { salt: Buffer; hash: Buffer } | null;
}

interface StoredSession {
  userId: string;
  expiresAt: number;
}

const KEY_LENGTH = 64;
const INVALID_CREDENTIALS = 'The email or password is not correct.';

const hashPassword = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

// Only the SHA-256 of a token is kept, so a dump of the session map cannot be replayed.
const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Accounts and sessions in memory: scrypt password hashes with a per-user salt, and random opaque
 * bearer tokens (256 bits) stored only as their SHA-256, expiring after a TTL on the injected clock.
 */
export class InMemoryIdentityProvider implements IdentityProvider, UserDirectory {
  private readonly accounts = new Map<string, Account>();
  private readonly userIdByEmail = new Map<string, string>();
  private readonly sessions = new Map<string, StoredSession>();
  private readonly clock: Clock;
  private readonly ids: Ids;
  private readonly sessionTtlMs: number;
  private readonly scryptOptions: ScryptOptions;
  /** Hashed against when the email is unknown, so both failures take as long. */
  private readonly decoySalt = randomBytes(16);

  constructor(options: InMemoryIdentityProviderOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? createRandomIds(this.clock);
    this.sessionTtlMs = options.sessionTtlMs ?? 7 * 24 * 60 * 60 * 1000;
    const { N, r, p } = options.scrypt ?? { N: 16_384, r: 8, p: 1 };
    this.scryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  }

  async register(email: string, password: string): Promise<User> {
    // Hashed before the email is looked up, so a taken email answers as slowly as a new one.
    const salt = randomBytes(16);
    const hash = await hashPassword(password, salt, this.scryptOptions);
    if (this.userIdByEmail.has(email))
      throw new DocentError('email_taken', 'An account with this email already exists.');
    return { ...this.createAccount(email, { salt, hash }).user };
  }

  async login(email: string, password: string): Promise<Session> {
    const userId = this.userIdByEmail.get(email);
    const account = userId === undefined ? undefined : this.accounts.get(userId);
    const stored = account?.password ?? null;
    const computed = await hashPassword(password, stored?.salt ?? this.decoySalt, this.scryptOptions);
    if (account === undefined || stored === null || !timingSafeEqual(computed, stored.hash)) {
      throw new DocentError('invalid_credentials', INVALID_CREDENTIALS);
    }
    return this.openSession(account);
  }

  async signInExternal(email: string): Promise<Session> {
    const userId = this.userIdByEmail.get(email);
    const account = userId === undefined ? undefined : this.accounts.get(userId);
    return this.openSession(account ?? this.createAccount(email, null));
  }

  async verify(token: string): Promise<Principal> {
    const digest = tokenDigest(token);
    const session = this.sessions.get(digest);
    const account = session === undefined ? undefined : this.accounts.get(session.userId);
    if (session === undefined || account === undefined)
      throw new DocentError('unauthorized', 'The session is not valid.');
    if (session.expiresAt <= this.clock.now().getTime()) {
      this.sessions.delete(digest);
      throw new DocentError('unauthorized', 'The session has expired.');
    }
    return { userId: account.user.id, email: account.user.email };
  }

  async logout(token: string): Promise<void> {
    this.sessions.delete(tokenDigest(token));
  }

  async getUser(userId: string): Promise<User | null> {
    const account = this.accounts.get(userId);
    return account === undefined ? null : { ...account.user };
  }

  async listUsers(): Promise<User[]> {
    return [...this.accounts.values()]
      .map((account) => ({ ...account.user }))
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  async findByEmail(email: string): Promise<User | null> {
    const userId = this.userIdByEmail.get(email);
    return userId === undefined ? null : this.getUser(userId);
  }

  private createAccount(email: string, password: Account['password']): Account {
    const user: User = { id: this.ids.newId(), email, createdAt: this.clock.now().toISOString() };
    const account = { user, password };
    this.accounts.set(user.id, account);
    this.userIdByEmail.set(email, user.id);
    return account;
  }

  private openSession(account: Account): Session {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now().getTime() + this.sessionTtlMs;
    this.sessions.set(tokenDigest(token), { userId: account.user.id, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString(), user: { ...account.user } };
  }
}
