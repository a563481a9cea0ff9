import { type AnswerMetrics, answerMetrics } from './answer-metrics.ts';
import { describePoint, type GridPoint } from './knob-grid.ts';
import {
  type AbstentionMetrics,
  abstentionMetrics,
  allFoundAt,
  meanReciprocalRank,
  type QuestionOutcome,
  type RetrievalMetrics,
  retrievalMetrics,
} from './metrics.ts';
import type { QuestionKind } from './qa-set.ts';

export type HalfName = 'A' | 'B';

/** What the tuning maximises, in words for the report (computed by `cvObjective`). */
export const CV_OBJECTIVE =
  'strict answer hit (answerable) + strict recall@5 (lookup+paraphrase) + unanswerable accuracy - 2 x false-abstention rate';

/**
 * Two halves, stratified by kind: within each kind, questions sorted by id go alternately to A
 * and B, so each half holds (within one) half of every kind. Deterministic: no randomness.
 */
export const splitHalves = (questions: readonly { id: string; kind: QuestionKind }[]): Record<HalfName, string[]> => {
  const halves: Record<HalfName, string[]> = { A: [], B: [] };
  const kinds = [...new Set(questions.map((q) => q.kind))];
  for (const kind of kinds) {
    const ids = questions
      .filter((q) => q.kind === kind)
      .map((q) => q.id)
      .sort();
    for (const [i, id] of ids.entries()) halves[i % 2 === 0 ? 'A' : 'B'].push(id);
  }
  return { A: halves.A.sort(), B: halves.B.sort() };
};

/**
 * The tuning objective, the one place it is defined (see `CV_OBJECTIVE`); an empty question group
 * contributes 0. Answer hit is what a user gets; recall@5 keeps retrieval from being traded away
 * for the answerer. False abstention weighs double so that abstaining more readily pays only when
 * it buys clearly more correct abstentions: unanswerable questions are few (8 of 60 in qa-dev), so
 * one moves unanswerable accuracy far more than one answerable question moves the other rates.
 */
export const cvObjective = (outcomes: readonly QuestionOutcome[]): number => {
  const single = outcomes.filter((o) => o.kind === 'lookup' || o.kind === 'paraphrase');
  const { unanswerableAccuracy, falseAbstentionRate } = abstentionMetrics(outcomes);
  return (
    (answerMetrics(outcomes).hit.strictShare ?? 0) +
    (allFoundAt(single, 5, 'strict') ?? 0) +
    (unanswerableAccuracy ?? 0) -
    2 * (falseAbstentionRate ?? 0)
  );
};

/**
 * The best of several candidates' outcomes on the same questions: highest objective, then highest
 * strict MRR@10 of lookup + paraphrase, then the earliest (the configuration as composed comes
 * first, so a tie keeps what ships).
 */
export const chooseBest = (candidates: readonly (readonly QuestionOutcome[])[]): number => {
  let best = -1;
  let bestKey: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  candidates.forEach((outcomes, i) => {
    const single = outcomes.filter((o) => o.kind === 'lookup' || o.kind === 'paraphrase');
    const key: [number, number] = [cvObjective(outcomes), meanReciprocalRank(single, 'strict') ?? 0];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
      best = i;
      bestKey = key;
    }
  });
  return best;
};

/** A configuration and its outcome on every question, by question id. */
export interface CandidateOutcomes {
  point: GridPoint;
  outcomes: ReadonlyMap<string, QuestionOutcome>;
}

/** How a configuration did on questions it was not tuned on. */
export interface HeldOutFigures {
  objective: number;
  strict: RetrievalMetrics;
  abstention: AbstentionMetrics;
  answers: AnswerMetrics;
}

/** One direction of the two-fold cross-validation. */
export interface Fold {
  tunedOn: HalfName;
  evaluatedOn: HalfName;
  chosen: string;
  chosenPoint: GridPoint;
  tuningObjective: number;
  heldOut: HeldOutFigures;
  /** The configuration as composed (candidate 0), on the same held-out half. */
  asComposedHeldOut: HeldOutFigures;
}

/** Both folds, and every question answered by the configuration tuned on the other half. */
export interface CrossValidationResult {
  objective: string;
  halves: Record<HalfName, string[]>;
  folds: Fold[];
  pooled: {
    strict: RetrievalMetrics;
    lenient: RetrievalMetrics;
    abstention: AbstentionMetrics;
    answers: AnswerMetrics;
  };
}

const restrict = (candidate: CandidateOutcomes, ids: readonly string[]): QuestionOutcome[] =>
  ids.flatMap((id) => {
    const outcome = candidate.outcomes.get(id);
    return outcome === undefined ? [] : [outcome];
  });

/** The figures a tuning report shows for some outcomes. */
export const heldOutFigures = (outcomes: readonly QuestionOutcome[]): HeldOutFigures => ({
  objective: cvObjective(outcomes),
  strict: retrievalMetrics(outcomes, 'strict'),
  abstention: abstentionMetrics(outcomes),
  answers: answerMetrics(outcomes),
});

/**
 * Two-fold cross-validation over precomputed outcomes: choose the best candidate on half A and
 * report it on half B, then the other way round. Candidate 0 must be the configuration as composed.
 */
export const crossValidate = (
  candidates: readonly CandidateOutcomes[],
  halves: Record<HalfName, string[]>,
): CrossValidationResult => {
  const asComposed = candidates[0];
  if (asComposed === undefined) throw new Error('Cross-validation needs at least one candidate.');
  const pooled: QuestionOutcome[] = [];
  const folds = (
    [
      ['A', 'B'],
      ['B', 'A'],
    ] as const
  ).map(([tunedOn, evaluatedOn]): Fold => {
    const index = chooseBest(candidates.map((c) => restrict(c, halves[tunedOn])));
    const chosen = candidates[index] ?? asComposed;
    const heldOut = restrict(chosen, halves[evaluatedOn]);
    pooled.push(...heldOut);
    return {
      tunedOn,
      evaluatedOn,
      chosen: index === 0 ? 'as composed' : describePoint(chosen.point),
      chosenPoint: chosen.point,
      tuningObjective: cvObjective(restrict(chosen, halves[tunedOn])),
      heldOut: heldOutFigures(heldOut),
      asComposedHeldOut: heldOutFigures(restrict(asComposed, halves[evaluatedOn])),
    };
  });
  return {
    objective: CV_OBJECTIVE,
    halves,
    folds,
    pooled: {
      strict: retrievalMetrics(pooled, 'strict'),
      lenient: retrievalMetrics(pooled, 'lenient'),
      abstention: abstentionMetrics(pooled),
      answers: answerMetrics(pooled),
    },
  };
};
