/** The failed sign-in attempts counted under one key. */
export interface FailedAttempts {
  /** Failures since the record was created (or last started over). */
  failures: number;
  /** When the latest failure was counted, in epoch milliseconds. */
  lastFailureMs: number;
}

/**
 * Counters of failed sign-in attempts by key (an account, a client address), shared by every server
 * process so a limit holds across restarts and instances. A record lives until its `expiresMs`, which
 * each failure pushes forward; the throttling policy (thresholds, delays) is the caller's.
 */
export interface LoginAttempts {
  /** The record of `key` if it has not expired at `nowMs`, else null. */
  get(key: string, nowMs: number): Promise<FailedAttempts | null>;
  /**
   * Counts one failure at `nowMs` and keeps the record until `expiresMs`; an expired record starts
   * over at one. Atomic: concurrent calls for one key each count. Returns the record as it was
   * before this failure (null when there was none or it had expired).
   */
  recordFailure(key: string, nowMs: number, expiresMs: number): Promise<FailedAttempts | null>;
  /** Forgets `key` (after a successful sign-in). Clearing an unknown key is not an error. */
  clear(key: string): Promise<void>;
}
