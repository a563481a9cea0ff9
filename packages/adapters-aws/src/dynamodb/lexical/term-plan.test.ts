import { describe, expect, it } from 'vitest';
import { planTerms } from './term-plan.ts';

const counts = new Map([
  ['rare', 10],
  ['middle', 300],
  ['common', 9_000],
  ['everywhere', 40_000],
]);
const terms = ['everywhere', 'common', 'middle', 'rare'];

describe('planTerms', () => {
  it('reads every term when their posting lists fit the budget, rarest first', () => {
    expect(planTerms(terms, counts, { maxPostings: 100_000, limit: 10, chunkCount: 50_000 })).toEqual({
      read: ['rare', 'middle', 'common', 'everywhere'],
      deferred: [],
    });
  });

  it('defers the most common terms beyond the budget', () => {
    expect(planTerms(terms, counts, { maxPostings: 10_000, limit: 10, chunkCount: 50_000 })).toEqual({
      read: ['rare', 'middle', 'common'],
      deferred: ['everywhere'],
    });
  });

  it('reads on past the budget until the postings reach four per hit asked for', () => {
    expect(planTerms(terms, counts, { maxPostings: 100, limit: 50, chunkCount: 50_000 })).toEqual({
      read: ['rare', 'middle'],
      deferred: ['common', 'everywhere'],
    });
  });

  it('grows the budget to 6% of the chunks in a large index', () => {
    expect(planTerms(terms, counts, { maxPostings: 100, limit: 1, chunkCount: 200_000 }).read).toEqual([
      'rare',
      'middle',
      'common',
    ]);
  });

  it('treats an uncounted term as in no chunk, and breaks ties by term', () => {
    expect(planTerms(['b', 'a', 'rare'], counts, { maxPostings: 0, limit: 1, chunkCount: 10 }).read).toEqual([
      'a',
      'b',
      'rare',
    ]);
  });
});
