/** Longest `retry-after` that is honoured; a longer one means "not soon", so normal backoff applies. */
export const MAX_RETRY_AFTER_MS = 60_000;

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
