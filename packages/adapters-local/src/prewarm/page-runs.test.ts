import { describe, expect, it } from 'vitest';
import { pageRuns } from './page-runs.ts';

describe('pageRuns', () => {
  it('sorts pages and joins those at most maxGap apart into one read', () => {
    expect(pageRuns([9, 1, 2, 3, 20, 5], 1, 100)).toEqual([
      { first: 1, count: 5 },
      { first: 9, count: 1 },
      { first: 20, count: 1 },
    ]);
    expect(pageRuns([1, 5], 2, 100)).toEqual([
      { first: 1, count: 1 },
      { first: 5, count: 1 },
    ]);
    expect(pageRuns([1, 4], 2, 100)).toEqual([{ first: 1, count: 4 }]);
  });

  it('reads a page once and no run longer than maxPages', () => {
    expect(pageRuns([1, 1, 2, 3, 4, 5], 0, 2)).toEqual([
      { first: 1, count: 2 },
      { first: 3, count: 2 },
      { first: 5, count: 1 },
    ]);
    expect(pageRuns([], 8, 256)).toEqual([]);
  });
});
