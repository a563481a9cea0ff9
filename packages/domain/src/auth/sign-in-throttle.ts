import { DocentError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { FailedAttempts, LoginAttempts } from '../ports/login-attempts.ts';
import { sha256Hex } from '../use-cases/upload-checks.ts';
import { addressGroup } from './address-group.ts';

/** The throttling policy of password sign-in; every field has a default. */
export interface SignInThrottleOptions {
  /** Failed attempts on one account (email) before further attempts wait (default 5). */
  accountThreshold?: number;
  /**
   * Failed attempts from one client address, over all accounts, before its attempts wait (default
   * 20: higher, because people behind one address share it).
   */
  addressThreshold?: number;
  /** The wait after the threshold's failure, in seconds (default 1); each further failure doubles it. */
  baseDelaySeconds?: number;
  /** The longest wait, in seconds (default 900). */
  maxDelaySeconds?: number;
  /** Failures are forgotten this long after the latest one, in seconds (default 3600). */
  windowSeconds?: number;
}

/** Reported once the password has been checked. */
export interface SignInAttempt {
  /** The password was wrong (or the account unknown): counts against the client address too. */
  failed(): Promise<void>;
  /** The password was right: the account's failures are forgotten. */
  succeeded(): Promise<void>;
}

/** Defaults of {@link SignInThrottleOptions}. */
export const DEFAULT_SIGN_IN_THROTTLE: Readonly<Required<SignInThrottleOptions>> = {
  accountThreshold: 5,
  addressThreshold: 20,
  baseDelaySeconds: 1,
  maxDelaySeconds: 900,
  windowSeconds: 3600,
};

// Keys are hashed so the store holds neither emails nor addresses, only what is needed to count.
const keyOf = async (kind: 'account' | 'address', value: string): Promise<string> =>
  `${kind}:${await sha256Hex(new TextEncoder().encode(value))}`;

/**
 * Exponential backoff on failed password sign-ins, per account and per client address. From the
 * threshold's failure on, an attempt must wait `baseDelay * 2^(failures - threshold)` (capped) after
 * the latest failure; attempts made while waiting are refused with `too_many_attempts` (retryable,
 * `details.retryAfterSeconds`) before any password is checked, and do not count. Unknown emails are
 * counted exactly like existing ones, so a refusal says nothing about whether an account exists.
 */
export class SignInThrottle {
  readonly #attempts: LoginAttempts;
  readonly #clock: Clock;
  readonly #policy: Required<SignInThrottleOptions>;

  constructor(deps: { attempts: LoginAttempts; clock: Clock }, options: SignInThrottleOptions = {}) {
    this.#attempts = deps.attempts;
    this.#clock = deps.clock;
    this.#policy = { ...DEFAULT_SIGN_IN_THROTTLE, ...options };
  }

  /**
   * Admits one attempt for `email` (normalised) from `address`, or throws `too_many_attempts`. The
   * attempt is counted against the account before the password is checked, so parallel guesses
   * cannot all slip in before the first failure is recorded; `succeeded` takes it back.
   */
  async begin(email: string, address?: string): Promise<SignInAttempt> {
    const now = this.#clock.now().getTime();
    const accountKey = await keyOf('account', email);
    const addressKey = address === undefined ? undefined : await keyOf('address', addressGroup(address));
    const [account, fromAddress] = await Promise.all([
      this.#attempts.get(accountKey, now),
      addressKey === undefined ? null : this.#attempts.get(addressKey, now),
    ]);
    this.#refuseIfWaiting(
      Math.max(
        this.#waitMs(account, this.#policy.accountThreshold, now),
        this.#waitMs(fromAddress, this.#policy.addressThreshold, now),
      ),
    );
    const expires = now + this.#policy.windowSeconds * 1000;
    const before = await this.#attempts.recordFailure(accountKey, now, expires);
    this.#refuseIfWaiting(this.#waitMs(before, this.#policy.accountThreshold, now));
    return {
      failed: async () => {
        if (addressKey !== undefined) await this.#attempts.recordFailure(addressKey, now, expires);
      },
      succeeded: () => this.#attempts.clear(accountKey),
    };
  }

  /** How long an attempt must still wait after `record`, in milliseconds (0: it may go ahead). */
  #waitMs(record: FailedAttempts | null, threshold: number, now: number): number {
    if (record === null || record.failures < threshold) return 0;
    const { baseDelaySeconds, maxDelaySeconds } = this.#policy;
    const delaySeconds = Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** (record.failures - threshold));
    return Math.max(0, record.lastFailureMs + delaySeconds * 1000 - now);
  }

  #refuseIfWaiting(waitMs: number): void {
    if (waitMs <= 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new DocentError(
      'too_many_attempts',
      `Too many sign-in attempts; try again in ${retryAfterSeconds} seconds.`,
      { retryable: true, details: { retryAfterSeconds } },
    );
  }
}
