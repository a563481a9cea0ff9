import { describe, expect, it } from 'vitest';
import { leastSquares } from './least-squares.ts';

describe('leastSquares', () => {
  it('recovers the coefficients of exact data', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((x) => [1, x, x * x]);
    const y = rows.map(([, x]) => 3 - 2 * (x as number) + 0.5 * (x as number) ** 2);
    const [c, b, a] = leastSquares(rows, y);
    expect(c).toBeCloseTo(3, 9);
    expect(b).toBeCloseTo(-2, 9);
    expect(a).toBeCloseTo(0.5, 9);
  });

  it('fits the line that minimises the squared error of noisy points', () => {
    // y = x plus +1, -1, -1, +1: the symmetric noise leaves slope 1 and intercept 0.
    const [intercept, slope] = leastSquares(
      [0, 1, 2, 3].map((x) => [1, x]),
      [1, 0, 1, 4],
    );
    expect(slope).toBeCloseTo(1, 9);
    expect(intercept).toBeCloseTo(0, 9);
  });
});
