import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abstentionMetrics,
  allFoundAt,
  CUTOFFS,
  meanReciprocalRank,
  passagesFoundAt,
  percentile,
  type QuestionOutcome,
  retrievalMetrics,
} from './metrics.ts';
import { QUESTION_KINDS } from './qa-set.ts';
import { type RetrievedPassage, spanRanks } from './span-ranks.ts';

const SPAN_A = 'the default level is six';
const SPAN_B = 'retries use exponential backoff';
const p = (documentName: string, text: string): RetrievedPassage => ({ documentName, text });
const filler = (n: number) => Array.from({ length: n }, (_, i) => p('noise.txt', `unrelated passage ${i}`));

// Hand-made rankings; every figure asserted below was worked out by hand from them.
const handMade = (): QuestionOutcome[] => [
  // q1 lookup: the span first appears in the wrong document (rank 1), then in the right one (rank 2).
  {
    kind: 'lookup',
    spans: spanRanks([p('b.txt', SPAN_A), p('a.txt', `x ${SPAN_A} y`)], [{ doc: 'a.txt', text: SPAN_A }]),
  },
  // q2 paraphrase: never found.
  { kind: 'paraphrase', spans: spanRanks(filler(10), [{ doc: 'a.txt', text: SPAN_A }]) },
  // q3 lookup: found at rank 4, with the text's whitespace differing from the span's.
  {
    kind: 'lookup',
    spans: spanRanks([...filler(3), p('a.txt', 'the default\nlevel  is six.')], [{ doc: 'a.txt', text: SPAN_A }]),
  },
  // q4 multi: span 1 at rank 2 (right document); span 2 only at rank 7 and from the wrong document.
  {
    kind: 'multi',
    spans: spanRanks(
      [p('n', 'a'), p('a.txt', SPAN_A), ...filler(4), p('a.txt', SPAN_B)],
      [
        { doc: 'a.txt', text: SPAN_A },
        { doc: 'b.txt', text: SPAN_B },
      ],
    ),
  },
  // q5 unanswerable, abstained (correctly).
  { kind: 'unanswerable', spans: [], abstained: true },
  // q6 lookup at rank 1, but the service abstained: a false abstention.
  { kind: 'lookup', spans: spanRanks([p('a.txt', SPAN_A)], [{ doc: 'a.txt', text: SPAN_A }]), abstained: true },
  // Past rank 10 nothing counts: q7 paraphrase has its span at rank 11 only.
  { kind: 'paraphrase', spans: spanRanks([...filler(10), p('a.txt', SPAN_A)], [{ doc: 'a.txt', text: SPAN_A }]) },
];

describe('span ranks on hand-made rankings', () => {
  it('records the first lenient and the first strict hit, within the top 10', () => {
    const [q1, q2, q3, q4, , q6, q7] = handMade();
    expect(q1?.spans).toEqual([{ lenient: 1, strict: 2 }]);
    expect(q2?.spans).toEqual([{ lenient: null, strict: null }]);
    expect(q3?.spans).toEqual([{ lenient: 4, strict: 4 }]);
    expect(q4?.spans).toEqual([
      { lenient: 2, strict: 2 },
      { lenient: 7, strict: null },
    ]);
    expect(q6?.spans).toEqual([{ lenient: 1, strict: 1 }]);
    expect(q7?.spans).toEqual([{ lenient: null, strict: null }]);
  });

  it('is case-sensitive and needs the whole span inside one passage', () => {
    const span = [{ doc: 'a.txt', text: 'Alpha beta gamma' }];
    expect(spanRanks([p('a.txt', 'alpha beta gamma')], span)).toEqual([{ lenient: null, strict: null }]);
    expect(spanRanks([p('a.txt', 'x Alpha beta'), p('a.txt', 'beta gamma')], span)).toEqual([
      { lenient: null, strict: null },
    ]);
  });
});

describe('retrieval metrics on hand-made rankings', () => {
  // Lookup + paraphrase: q1 (lenient 1, strict 2), q2 (miss), q3 (4), q6 (1), q7 (miss) = 5 questions.
  const strict = retrievalMetrics(handMade(), 'strict');
  const lenient = retrievalMetrics(handMade(), 'lenient');

  it('recall@k over lookup + paraphrase and per kind', () => {
    expect(strict.recall).toEqual({ 1: 1 / 5, 3: 2 / 5, 5: 3 / 5, 10: 3 / 5 });
    expect(lenient.recall).toEqual({ 1: 2 / 5, 3: 2 / 5, 5: 3 / 5, 10: 3 / 5 });
    expect(strict.lookup).toEqual({ 1: 1 / 3, 3: 2 / 3, 5: 1, 10: 1 });
    expect(strict.paraphrase).toEqual({ 1: 0, 3: 0, 5: 0, 10: 0 });
  });

  it('MRR@10', () => {
    expect(strict.mrr10).toBeCloseTo((1 / 2 + 0 + 1 / 4 + 1 + 0) / 5, 12);
    expect(lenient.mrr10).toBeCloseTo((1 + 0 + 1 / 4 + 1 + 0) / 5, 12);
  });

  it('multi passage@k and all@k', () => {
    expect(strict.multiPassage).toEqual({ 1: 0, 3: 1 / 2, 5: 1 / 2, 10: 1 / 2 });
    expect(strict.multiAll).toEqual({ 1: 0, 3: 0, 5: 0, 10: 0 });
    expect(lenient.multiPassage).toEqual({ 1: 0, 3: 1 / 2, 5: 1 / 2, 10: 1 });
    expect(lenient.multiAll).toEqual({ 1: 0, 3: 0, 5: 0, 10: 1 });
  });

  it('is null, not zero, for an empty question group', () => {
    const onlyLookups = retrievalMetrics(handMade().slice(0, 1), 'strict');
    expect(onlyLookups.paraphrase).toEqual({ 1: null, 3: null, 5: null, 10: null });
    expect(onlyLookups.multiAll[10]).toBeNull();
  });
});

describe('abstention metrics on hand-made outcomes', () => {
  it('counts abstentions on unanswerable and on answerable questions', () => {
    expect(abstentionMetrics(handMade())).toEqual({
      unanswerable: 1,
      unanswerableAbstained: 1,
      unanswerableAccuracy: 1,
      answerable: 6,
      answerableAbstained: 1,
      falseAbstentionRate: 1 / 6,
    });
  });

  it('counts a missing flag as answered', () => {
    expect(abstentionMetrics([{ kind: 'unanswerable', spans: [] }]).unanswerableAccuracy).toBe(0);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(100);
    expect(percentile(values, 10)).toBe(10);
    expect(percentile([], 50)).toBeNull();
  });

  it('lies within the values and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (values, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const low = percentile(values, lo) as number;
          expect(low).toBeGreaterThanOrEqual(Math.min(...values));
          expect(percentile(values, hi) as number).toBeGreaterThanOrEqual(low);
          expect(percentile(values, 100)).toBe(Math.max(...values));
        },
      ),
    );
  });
});

// Random rankings over a tiny vocabulary, so spans are often (but not always) found, sometimes in
// the wrong document; outcomes always come from `spanRanks`, as in the harness.
const WORDS = ['alpha', 'beta', 'gamma', 'delta'];
const DOCS = ['a.txt', 'b.txt'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const passage = fc.record({ documentName: fc.constantFrom(...DOCS), text });
const span = fc.record({ doc: fc.constantFrom(...DOCS), text: text.filter((t) => t.split(' ').length <= 2) });
const outcome = fc
  .record({
    kind: fc.constantFrom(...QUESTION_KINDS),
    ranking: fc.array(passage, { maxLength: 14 }),
    spans: fc.tuple(span, span),
    abstained: fc.boolean(),
  })
  .map(({ kind, ranking, spans, abstained }): QuestionOutcome => {
    const count = kind === 'multi' ? 2 : kind === 'unanswerable' ? 0 : 1;
    return { kind, spans: spanRanks(ranking, spans.slice(0, count)), abstained };
  });

describe('metric invariants (fast-check)', () => {
  it('a strict hit is a lenient hit, at the same or a later rank, and is the first of its kind', () => {
    fc.assert(
      fc.property(fc.array(passage, { maxLength: 14 }), span, (ranking, s) => {
        const [ranks] = spanRanks(ranking, [s]);
        if (ranks?.strict != null) {
          expect(ranks.lenient).not.toBeNull();
          expect(ranks.strict).toBeGreaterThanOrEqual(ranks.lenient as number);
          expect(ranking[ranks.strict - 1]?.documentName).toBe(s.doc);
        }
        if (ranks?.lenient != null) {
          expect(ranks.lenient).toBeLessThanOrEqual(10);
          expect(ranking.slice(0, ranks.lenient - 1).some((x) => x.text.includes(s.text))).toBe(false);
        }
      }),
    );
  });

  it('every @k metric grows with k and strict never beats lenient', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 12 }), (outcomes) => {
        const strict = retrievalMetrics(outcomes, 'strict');
        const lenient = retrievalMetrics(outcomes, 'lenient');
        for (const key of ['recall', 'lookup', 'paraphrase', 'multiAll', 'multiPassage'] as const) {
          for (const [i, k] of CUTOFFS.entries()) {
            const s = strict[key][k];
            const l = lenient[key][k];
            if (s === null || l === null) {
              expect(s).toBe(l);
              continue;
            }
            expect(s).toBeLessThanOrEqual(l);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(l).toBeLessThanOrEqual(1);
            const previous = CUTOFFS[i - 1];
            if (previous !== undefined) expect(l).toBeGreaterThanOrEqual(lenient[key][previous] as number);
            if (previous !== undefined) expect(s).toBeGreaterThanOrEqual(strict[key][previous] as number);
          }
        }
        if (strict.mrr10 !== null) expect(strict.mrr10).toBeLessThanOrEqual(lenient.mrr10 as number);
      }),
    );
  });

  it('MRR@10 lies between recall@1 and recall@10; all@k never exceeds passage@k', () => {
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 12 }), fc.constantFrom(...CUTOFFS), (outcomes, k) => {
        const single = outcomes.filter((o) => o.spans.length === 1);
        const multi = outcomes.filter((o) => o.spans.length === 2);
        for (const mode of ['strict', 'lenient'] as const) {
          if (single.length > 0) {
            const mrr = meanReciprocalRank(single, mode) as number;
            expect(mrr).toBeGreaterThanOrEqual((allFoundAt(single, 1, mode) as number) - 1e-12);
            expect(mrr).toBeLessThanOrEqual((allFoundAt(single, 10, mode) as number) + 1e-12);
          }
          if (multi.length > 0) {
            expect(allFoundAt(multi, k, mode) as number).toBeLessThanOrEqual(passagesFoundAt(multi, k, mode) as number);
          }
        }
      }),
    );
  });

  it('abstention rates are shares of their own groups', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 20 }), (outcomes) => {
        const m = abstentionMetrics(outcomes);
        expect(m.unanswerable + m.answerable).toBe(outcomes.length);
        expect(m.unanswerableAbstained).toBeLessThanOrEqual(m.unanswerable);
        expect(m.answerableAbstained).toBeLessThanOrEqual(m.answerable);
        if (m.unanswerable > 0) expect(m.unanswerableAccuracy).toBe(m.unanswerableAbstained / m.unanswerable);
      }),
    );
  });
});
