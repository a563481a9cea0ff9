import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionTerms, termWeights, weightedCoverage } from './term-rarity.ts';

describe('term rarity', () => {
  it('keeps distinct content terms of a question, without single letters', () => {
    expect(questionTerms("What is tmux's default escape-time, and the tmux -L flag?")).toEqual([
      'tmux',
      'default',
      'escape-time',
      'escap',
      'time',
      'flag',
    ]);
  });

  it('weighs rare terms above common ones and absent terms highest', () => {
    const weights = termWeights(['common', 'rare', 'absent'], {
      chunkCount: 100,
      chunkFrequencies: new Map([
        ['common', 60],
        ['rare', 2],
      ]),
    });
    const [common, rare, absent] = [weights.get('common'), weights.get('rare'), weights.get('absent')] as number[];
    expect(common).toBeLessThan(rare as number);
    expect(rare).toBeLessThan(absent as number);
    expect(common).toBeGreaterThan(0);
  });

  it('coverage is the weighted share of terms present', () => {
    const weights = new Map([
      ['a1', 3],
      ['b1', 1],
    ]);
    expect(weightedCoverage(weights, new Set(['a1']))).toBeCloseTo(0.75);
    expect(weightedCoverage(weights, new Set(['a1', 'b1', 'c1']))).toBe(1);
    expect(weightedCoverage(new Map(), new Set(['a1']))).toBe(0);
  });

  it('property: coverage lies in [0, 1] and grows with the terms present', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.double({ min: 0, max: 10, noNaN: true })),
        fc.array(fc.string({ minLength: 1, maxLength: 3 })),
        fc.string({ minLength: 1, maxLength: 3 }),
        (dict, present, extra) => {
          const weights = new Map(Object.entries(dict));
          const some = weightedCoverage(weights, new Set(present));
          const more = weightedCoverage(weights, new Set([...present, extra]));
          expect(some).toBeGreaterThanOrEqual(0);
          expect(more).toBeLessThanOrEqual(1 + 1e-12);
          expect(more).toBeGreaterThanOrEqual(some - 1e-12);
        },
      ),
    );
  });
});
