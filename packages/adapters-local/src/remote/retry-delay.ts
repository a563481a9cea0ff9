/** Longest `retry-after` that is honoured; a longer one means "not soon", so normal backoff applies. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Upper bound of one backoff wait, whatever the attempt number. */
export const MAX_BACKOFF_MS = 8_000;

/**
 * Exponential backoff with "equal jitter": half of `base * 2^attempt` (capped) is kept and the other half is
 * random, so clients that failed together do not retry together, yet each still waits a growing minimum.
 * `attempt` counts from 0 (the wait before the first retry); `random` is in [0, 1).
 */
export const backoffDelay = (attempt: number, baseMs: number, random: number = Math.random()): number => {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random;
};

/**
 * Milliseconds a server asked the client to wait, from `retry-after-ms` (OpenAI) or `retry-after` (seconds or
 * an HTTP date); `undefined` when absent, unparsable, negative or above {@link MAX_RETRY_AFTER_MS}.
 */
export const retryAfterDelay = (headers: Headers, now: number = Date.now()): number | undefined => {
  const candidates = [Number.parseFloat(headers.get('retry-after-ms') ?? ''), parseRetryAfter(headers, now)];
  return candidates.find((ms) => Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS);
};

const parseRetryAfter = (headers: Headers, now: number): number => {
  const value = headers.get('retry-after')?.trim();
  if (!value) return Number.NaN;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  return Date.parse(value) - now;
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
