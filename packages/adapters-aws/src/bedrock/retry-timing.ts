/** Upper bound of one backoff wait, whatever the attempt number. */
export const MAX_BACKOFF_MS = 8_000;

/**
 * Exponential backoff with "equal jitter": half of `base * 2^retry` (capped) is kept and the other half is
 * random, so callers throttled together do not retry together, yet each still waits a growing minimum.
 * `retry` counts from 0 (the wait before the first retry); `random` is in [0, 1).
 */
export const backoffDelay = (retry: number, baseMs: number, random: number = Math.random()): number => {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** retry);
  return ceiling / 2 + (ceiling / 2) * random;
};

/** Waits `ms`, rejecting with `signal.reason` as soon as the caller aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * An abort signal that fires after `ms` without activity. Streams call {@link IdleDeadline.extend} on every
 * event, so a long but lively generation is not cut while a silent connection still is.
 */
export class IdleDeadline {
  readonly #controller = new AbortController();
  readonly #ms: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(ms: number) {
    this.#ms = ms;
    this.extend();
  }

  /** Aborted once the deadline passed. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the deadline passed (and the signal fired because of it). */
  get expired(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Restarts the countdown from now; a no-op once expired or disposed. */
  extend(): void {
    if (this.expired || this.#disposed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(new Error(`no answer within ${this.#ms} ms`)), this.#ms);
  }

  /** Stops the countdown for good. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
  }
}
