import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interleaveRankings } from './interleave-rankings.ts';

const id = (s: string) => s;

describe('interleaveRankings', () => {
  it('takes turns between the parts and keeps each item at its first place', () => {
    expect(
      interleaveRankings(
        [
          ['a', 'b', 'c'],
          ['x', 'a', 'y', 'z'],
        ],
        id,
      ),
    ).toEqual(['a', 'x', 'b', 'c', 'y', 'z']);
    expect(interleaveRankings([['a', 'b']], id)).toEqual(['a', 'b']);
    expect(interleaveRankings([], id)).toEqual([]);
  });

  it('property: the result holds every item once, and each ranking’s order is kept', () => {
    const ranking = fc.uniqueArray(fc.constantFrom(...'abcdefghij'), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(ranking, { minLength: 1, maxLength: 3 }), (rankings) => {
        const merged = interleaveRankings(rankings, id);
        expect(new Set(merged).size).toBe(merged.length);
        expect(new Set(merged)).toEqual(new Set(rankings.flat()));
        // Every part's top item is within the first `parts` places.
        for (const ranking of rankings) {
          if (ranking[0] !== undefined) expect(merged.indexOf(ranking[0])).toBeLessThan(rankings.length);
        }
      }),
    );
  });
});
