import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_BACKOFF_MS } from './backoff-delay.ts';

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

  it('doubles per attempt with half of it random, capped', () => {
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, 100, 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, 100, 0.999))).toEqual([99.95, 199.9, 399.8]);
    expect(backoffDelay(0, 500, 0.999)).toBeGreaterThan(499);
    expect(backoffDelay(30, 500, 0.5)).toBe(MAX_BACKOFF_MS * 0.75);
  });
});
