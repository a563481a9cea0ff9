import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, retryAfterDelay, sleep } from './retry-delay.ts';

describe('backoffDelay', () => {
  it('property: stays within [ceiling/2, ceiling] of a doubling, capped ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, random) => {
          const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** attempt);
          const delay = backoffDelay(attempt, base, random);
          expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('spreads retries with jitter and grows with the attempt', () => {
    expect(backoffDelay(0, 500, 0)).toBe(250);
    expect(backoffDelay(0, 500, 0.999)).toBeGreaterThan(499);
    expect(backoffDelay(2, 500, 0)).toBe(1_000);
  });
});

describe('retryAfterDelay', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const delay = (headers: Record<string, string>): number | undefined => retryAfterDelay(new Headers(headers), now);

  it('reads seconds, HTTP dates and retry-after-ms, preferring the millisecond header', () => {
    expect(delay({ 'retry-after': '2' })).toBe(2_000);
    expect(delay({ 'retry-after': '0.5' })).toBe(500);
    expect(delay({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' })).toBe(3_000);
    expect(delay({ 'retry-after-ms': '120', 'retry-after': '2' })).toBe(120);
  });

  it('ignores missing, unparsable, past-negative and overlong values', () => {
    expect(delay({})).toBeUndefined();
    expect(delay({ 'retry-after': 'soon' })).toBeUndefined();
    expect(delay({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' })).toBeUndefined();
    expect(delay({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) })).toBeUndefined();
  });
});

describe('sleep', () => {
  it('resolves after the wait and rejects with the abort reason at once', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const reason = new Error('stop');
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
