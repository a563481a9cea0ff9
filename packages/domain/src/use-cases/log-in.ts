import { normalizeEmail } from '../auth/normalize-email.ts';
import { SignInThrottle, type SignInThrottleOptions } from '../auth/sign-in-throttle.ts';
import type { Session } from '../entities/user.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { LoginAttempts } from '../ports/login-attempts.ts';
import type { LogInInput, LogInUseCase } from './contracts.ts';

const wrongCredentials = () => new DocentError('invalid_credentials', 'The email or password is wrong.');

// The stored spelling of a well-formed email; anything else as typed, trimmed and lower-cased, so an
// account created before the grammar got stricter still signs in.
const emailKey = (email: string): string => {
  try {
    return normalizeEmail(email);
  } catch {
    return email.trim().toLowerCase();
  }
};

/** Opens a session for an email and password, throttled per account and per client address. */
export class LogIn implements LogInUseCase {
  readonly #identity: IdentityProvider;
  readonly #throttle: SignInThrottle;

  constructor(
    deps: { identity: IdentityProvider; attempts: LoginAttempts; clock: Clock },
    options: SignInThrottleOptions = {},
  ) {
    this.#identity = deps.identity;
    this.#throttle = new SignInThrottle(deps, options);
  }

  /**
   * Throws `invalid_credentials` for any mismatch, including a malformed email: a login form
   * should not tell which part was wrong. Throws `too_many_attempts` (retryable, with
   * `details.retryAfterSeconds`) before checking the password while the account or the address
   * must wait, whether or not the account exists.
   */
  async execute(input: LogInInput): Promise<Session> {
    const email = emailKey(input.email);
    if (email === '' || input.password === '') throw wrongCredentials();
    const attempt = await this.#throttle.begin(email, input.clientAddress);
    let session: Session;
    try {
      session = await this.#identity.login(email, input.password);
    } catch (error) {
      if (isDocentError(error) && error.code === 'invalid_credentials') await attempt.failed();
      throw error;
    }
    await attempt.succeeded();
    return session;
  }
}
