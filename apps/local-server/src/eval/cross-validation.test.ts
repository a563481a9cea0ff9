import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CandidateOutcomes, chooseBest, crossValidate, cvObjective, splitHalves } from './cross-validation.ts';
import type { QuestionOutcome } from './metrics.ts';
import { QUESTION_KINDS } from './qa-set.ts';

const hit = (rank: number | null): QuestionOutcome['spans'][number] => ({ lenient: rank, strict: rank });
const lookup = (rank: number | null, abstained = false, answerHit = false): QuestionOutcome => ({
  kind: 'lookup',
  spans: [hit(rank)],
  abstained,
  answer: { hit: { strict: answerHit, lenient: answerHit }, chars: 40, citationsOnSpan: [] },
});
const unanswerable = (abstained: boolean): QuestionOutcome => ({ kind: 'unanswerable', spans: [], abstained });

describe('splitHalves', () => {
  it('alternates ids within each kind', () => {
    const questions = [
      { id: 'q4', kind: 'lookup' as const },
      { id: 'q1', kind: 'lookup' as const },
      { id: 'q2', kind: 'unanswerable' as const },
      { id: 'q3', kind: 'lookup' as const },
      { id: 'q5', kind: 'unanswerable' as const },
    ];
    expect(splitHalves(questions)).toEqual({ A: ['q1', 'q2', 'q4'], B: ['q3', 'q5'] });
  });

  it('partitions the questions and balances every kind within one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1 }), kind: fc.constantFrom(...QUESTION_KINDS) }), {
          selector: (q) => q.id,
        }),
        (questions) => {
          const { A, B } = splitHalves(questions);
          expect([...A, ...B].sort()).toEqual(questions.map((q) => q.id).sort());
          for (const kind of QUESTION_KINDS) {
            const ofKind = new Set(questions.filter((q) => q.kind === kind).map((q) => q.id));
            const a = A.filter((id) => ofKind.has(id)).length;
            expect(a - (ofKind.size - a)).toBeGreaterThanOrEqual(0);
            expect(a - (ofKind.size - a)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

describe('cvObjective and chooseBest', () => {
  it('adds strict answer hit, strict recall@5 and unanswerable accuracy, minus twice false abstention', () => {
    // Answer hit 1/2 (the abstained lookup never hits); recall@5 1/2 (rank 3 found, rank 7 not);
    // unanswerable 1/2 abstained; false abstention 1/2.
    const outcomes = [lookup(3, true), lookup(7, false, true), unanswerable(true), unanswerable(false)];
    expect(cvObjective(outcomes)).toBeCloseTo(0.5 + 0.5 + 0.5 - 2 * 0.5, 12);
    expect(cvObjective([])).toBe(0);
  });

  it('prefers the higher objective, then the higher MRR, then the earlier candidate', () => {
    const worse = [lookup(6), unanswerable(true)];
    const good = [lookup(4), unanswerable(true)];
    const sameButHigherMrr = [lookup(1), unanswerable(true)];
    expect(chooseBest([worse, good])).toBe(1);
    expect(chooseBest([good, sameButHigherMrr])).toBe(1);
    expect(chooseBest([good, good])).toBe(0);
    // The same retrieval, but the answer holds the span: answer hit decides.
    expect(chooseBest([sameButHigherMrr, [lookup(4, false, true), unanswerable(true)]])).toBe(1);
  });
});

describe('crossValidate', () => {
  const point = (w: number) => ({ ask: { denseWeight: w }, answerer: {} });
  // Candidate 1 finds everything on half A only, candidate 2 on half B only; candidate 0 finds nothing.
  const candidate = (w: number, found: (id: string) => boolean): CandidateOutcomes => ({
    point: point(w),
    outcomes: new Map(['a1', 'a2', 'b1', 'b2'].map((id) => [id, lookup(found(id) ? 1 : null)])),
  });
  const candidates = [
    { ...candidate(0, () => false), point: { ask: {}, answerer: {} } },
    candidate(0.2, (id) => id.startsWith('a')),
    candidate(0.5, (id) => id.startsWith('b')),
  ];
  const result = crossValidate(candidates, { A: ['a1', 'a2'], B: ['b1', 'b2'] });

  it('tunes on one half and reports the other, both ways', () => {
    expect(result.folds.map((f) => [f.tunedOn, f.chosen, f.tuningObjective, f.heldOut.objective])).toEqual([
      ['A', 'ask.denseWeight=0.2', 1, 0],
      ['B', 'ask.denseWeight=0.5', 1, 0],
    ]);
    expect(result.folds.map((f) => f.asComposedHeldOut.strict.recall[5])).toEqual([0, 0]);
  });

  it('pools the held-out answers: here the tuning never transfers', () => {
    expect(result.pooled.strict.recall[10]).toBe(0);
  });
});
