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
