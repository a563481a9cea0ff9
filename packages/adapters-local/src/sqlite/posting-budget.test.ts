import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTerms } from './posting-budget.ts';

const counts: Record<string, number> = { rare: 3, scarce: 40, middling: 300, common: 5_000, everywhere: 9_000 };
const frequency = (term: string) => counts[term] ?? 0;

describe('planTerms', () => {
  it('keeps every term when their posting lists fit the budget, in order of rarity', () => {
    expect(planTerms(['common', 'rare', 'middling'], frequency, { maxPostings: 10_000, minimumRows: 100 })).toEqual({
      kept: ['rare', 'middling', 'common'],
      dropped: [],
    });
  });

  it('leaves out the most common terms once the rarer ones fill the minimum and the budget', () => {
    const terms = ['everywhere', 'common', 'middling', 'scarce', 'rare'];
    expect(planTerms(terms, frequency, { maxPostings: 1_000, minimumRows: 100 })).toEqual({
      kept: ['rare', 'scarce', 'middling'],
      dropped: ['common', 'everywhere'],
    });
  });

  it('keeps adding terms past the budget until they reach the minimum rows', () => {
    expect(planTerms(['everywhere', 'common', 'rare'], frequency, { maxPostings: 100, minimumRows: 400 })).toEqual({
      kept: ['rare', 'common'],
      dropped: ['everywhere'],
    });
  });

  it('property: kept and dropped partition the terms; kept is a rarest-first prefix within the budget', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.nat(2_000)), {
          selector: ([term]) => term,
          maxLength: 10,
        }),
        fc.nat(5_000),
        fc.nat(1_000),
        (pairs, maxPostings, minimumRows) => {
          const df = new Map(pairs);
          const { kept, dropped } = planTerms(
            pairs.map(([term]) => term),
            (term) => df.get(term) ?? 0,
            { maxPostings, minimumRows },
          );
          expect([...kept, ...dropped].sort()).toEqual(pairs.map(([term]) => term).sort());
          const postings = kept.reduce((sum, term) => sum + (df.get(term) ?? 0), 0);
          const last = kept.at(-1);
          const before = postings - (last === undefined ? 0 : (df.get(last) ?? 0));
          // Past the budget only while the rows before the last kept term were under the minimum.
          if (postings > maxPostings) expect(before).toBeLessThan(minimumRows);
          for (const term of dropped) {
            expect(df.get(term)).toBeGreaterThanOrEqual(Math.max(...kept.map((k) => df.get(k) ?? 0)));
          }
        },
      ),
    );
  });
});
