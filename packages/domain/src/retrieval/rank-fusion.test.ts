import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScoredChunk } from '../ports/scored-chunk.ts';
import { adaptiveDenseWeight, DEFAULT_FUSION, fuseRankings, type WeightedRanking } from './rank-fusion.ts';

const hits = (...ids: string[]): ScoredChunk[] =>
  ids.map((id, i) => ({ chunkId: id, documentId: `d-${id}`, score: 10 - i }));

describe('fuseRankings', () => {
  it('sums weight / (k + rank) over the rankings', () => {
    const fused = fuseRankings(
      [
        { hits: hits('a', 'b'), weight: 1 },
        { hits: hits('b', 'c'), weight: 0.5 },
      ],
      { k: 10 },
    );
    expect(fused.map((f) => f.chunkId)).toEqual(['b', 'a', 'c']);
    expect(fused[0]?.score).toBeCloseTo(1 / 12 + 0.5 / 11, 12);
    expect(fused[1]).toEqual({ chunkId: 'a', documentId: 'd-a', score: 1 / 11 });
    expect(fused[2]?.score).toBeCloseTo(0.5 / 12, 12);
  });

  it('counts a chunk listed twice in one ranking at its best rank', () => {
    const fused = fuseRankings([{ hits: hits('a', 'a'), weight: 1 }], { k: 0 });
    expect(fused).toEqual([{ chunkId: 'a', documentId: 'd-a', score: 1 }]);
  });

  it('gives dense hits no say when BM25 is confident, and a large one when it found little', () => {
    const lexical = { hits: hits('a', 'b', 'c', 'd'), weight: DEFAULT_FUSION.lexicalWeight };
    const dense = (confidence: number) => ({
      hits: hits('denseOnly', 'd'),
      weight: adaptiveDenseWeight(confidence, DEFAULT_FUSION.denseWeight),
    });
    expect(fuseRankings([lexical, dense(1)]).map((f) => f.chunkId)).toEqual(['a', 'b', 'c', 'd', 'denseOnly']);
    expect(fuseRankings([lexical, dense(0)]).map((f) => f.chunkId)).toEqual(['d', 'denseOnly', 'a', 'b', 'c']);
  });

  it('property: the adaptive dense weight falls as confidence rises, from the maximum to 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(adaptiveDenseWeight(hi, 2)).toBeLessThanOrEqual(adaptiveDenseWeight(lo, 2));
        expect(adaptiveDenseWeight(lo, 2)).toBeLessThanOrEqual(2);
      }),
    );
    expect(adaptiveDenseWeight(0, 2)).toBe(2);
    expect(adaptiveDenseWeight(1, 2)).toBe(0);
  });

  it('property: the result does not depend on the order of the rankings', () => {
    const ranking: fc.Arbitrary<WeightedRanking> = fc.record({
      hits: fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'), { maxLength: 12 }).map((ids) => hits(...ids)),
      weight: fc.double({ min: 0, max: 3, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc
          .array(ranking, { maxLength: 5 })
          .chain((rs) =>
            fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length })),
          ),
        ([rankings, shuffled]) => {
          expect(fuseRankings(shuffled)).toEqual(fuseRankings(rankings));
        },
      ),
    );
  });

  it('property: every listed chunk appears once, sorted by score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }), { maxLength: 4 }),
        (lists) => {
          const fused = fuseRankings(lists.map((ids) => ({ hits: hits(...ids), weight: 1 })));
          expect(new Set(fused.map((f) => f.chunkId))).toEqual(new Set(lists.flat()));
          for (let i = 1; i < fused.length; i++)
            expect(fused[i - 1]?.score).toBeGreaterThanOrEqual(fused[i]?.score ?? 0);
        },
      ),
    );
  });
});
