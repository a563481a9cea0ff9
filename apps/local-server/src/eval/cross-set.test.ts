import { describe, expect, it } from 'vitest';
import { crossSetTuning, type SetCandidates } from './cross-set.ts';
import type { CandidateOutcomes } from './cross-validation.ts';
import type { GridPoint } from './knob-grid.ts';
import type { QuestionOutcome } from './metrics.ts';

const answerable = (found: boolean, hit: boolean, abstained = false): QuestionOutcome => ({
  kind: 'lookup',
  spans: [{ lenient: found ? 1 : null, strict: found ? 1 : null }],
  abstained,
  answer: { hit: { strict: hit, lenient: hit }, chars: 50, citationsOnSpan: [hit] },
});
const unanswerable = (abstained: boolean): QuestionOutcome => ({
  kind: 'unanswerable',
  spans: [],
  abstained,
  answer: { hit: { strict: false, lenient: false }, chars: abstained ? 28 : 50, citationsOnSpan: [] },
});
const SHIPPED: GridPoint = { ask: {}, answerer: {} };
const HIGH: GridPoint = { ask: {}, answerer: { minCoverage: 0.3 } };
const LOW: GridPoint = { ask: {}, answerer: { minCoverage: 0.05 } };
const candidate = (point: GridPoint, outcomes: QuestionOutcome[]): CandidateOutcomes => ({
  point,
  outcomes: new Map(outcomes.map((o, i) => [`q${i}`, o])),
});

describe('crossSetTuning', () => {
  // Objective = answer hit + recall@5 + unanswerable accuracy - 2 x false abstention, worked out by hand.
  // Set A: shipped 0.5 + 1 + 0 - 0 = 1.5; HIGH abstains on the unanswerable question and loses one
  // answer: 0.5 + 1 + 1 - 2 * 0.5 = 1.5 (a tie: the shipped point stays); LOW hits both: 1 + 1 + 0 - 0 = 2.
  const setA: SetCandidates = {
    name: 'A',
    candidates: [
      candidate(SHIPPED, [answerable(true, true), answerable(true, false), unanswerable(false)]),
      candidate(HIGH, [answerable(true, true), answerable(true, false, true), unanswerable(true)]),
      candidate(LOW, [answerable(true, true), answerable(true, true), unanswerable(false)]),
    ],
  };
  // Set B: shipped 0 + 1 + 0 - 0 = 1; HIGH 1 + 1 + 1 - 0 = 3; LOW 0 + 0 + 0 - 0 = 0.
  const setB: SetCandidates = {
    name: 'B',
    candidates: [
      candidate(SHIPPED, [answerable(true, false), unanswerable(false)]),
      candidate(HIGH, [answerable(true, true), unanswerable(true)]),
      candidate(LOW, [answerable(false, false), unanswerable(false)]),
    ],
  };
  const result = crossSetTuning([setA, setB]);

  it('chooses by the objective on one set and reports on the other, both ways', () => {
    expect(result.folds.map((f) => [f.tunedOn, f.reportedOn, f.chosen, f.tuningObjective])).toEqual([
      [['B'], 'A', 'answerer.minCoverage=0.3', 3],
      [['A'], 'B', 'answerer.minCoverage=0.05', 2],
    ]);
    // HIGH on A and LOW on B, as computed above; the shipped point on each set for comparison.
    expect(result.folds.map((f) => [f.reported.objective, f.shipped.objective])).toEqual([
      [1.5, 1.5],
      [0, 1],
    ]);
    expect(result.folds[1]?.reported.answers.hit.strictShare).toBe(0);
  });

  it('pools the held-out outcomes of every fold, against the shipped point on every set', () => {
    // Reported: A under HIGH (hits 1 of 2, abstains on 1 answerable and the unanswerable) and B under LOW.
    expect(result.pooled.reported.answers.hit).toMatchObject({ questions: 3, strict: 1 });
    expect(result.pooled.reported.abstention).toMatchObject({ unanswerableAbstained: 1, answerableAbstained: 1 });
    expect(result.pooled.shipped.answers.hit).toMatchObject({ questions: 3, strict: 1 });
    expect(result.pooled.shipped.strict.recall[5]).toBe(1);
  });

  it('tunes on every other set when there are more than two', () => {
    const setC: SetCandidates = { ...setB, name: 'C' };
    const folds = crossSetTuning([setA, setB, setC]).folds;
    expect(folds.map((f) => [f.tunedOn.join('+'), f.reportedOn])).toEqual([
      ['B+C', 'A'],
      ['A+C', 'B'],
      ['A+B', 'C'],
    ]);
    // Pooled over B and C, HIGH wins as on B alone.
    expect(folds[0]?.chosen).toBe('answerer.minCoverage=0.3');
  });

  it('refuses a single set or grids that differ', () => {
    expect(() => crossSetTuning([setA])).toThrow(/at least two/);
    const other: SetCandidates = { name: 'B', candidates: setB.candidates.slice(0, 2) };
    expect(() => crossSetTuning([setA, other])).toThrow(/same grid points/);
  });
});
