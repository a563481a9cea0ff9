import {
  type CandidateOutcomes,
  CV_OBJECTIVE,
  chooseBest,
  cvObjective,
  type HeldOutFigures,
  heldOutFigures,
} from './cross-validation.ts';
import { describePoint, type GridPoint } from './knob-grid.ts';
import type { QuestionOutcome } from './metrics.ts';

/** One set's grid outcomes: candidate i is the same grid point in every set, candidate 0 as composed. */
export interface SetCandidates {
  name: string;
  candidates: readonly CandidateOutcomes[];
}

/** Knobs tuned on some sets, reported on the one left out. */
export interface CrossSetFold {
  tunedOn: string[];
  reportedOn: string;
  chosen: string;
  chosenPoint: GridPoint;
  /** The objective of the chosen point on the sets it was tuned on, pooled. */
  tuningObjective: number;
  /** The chosen point on the held-out set. */
  reported: HeldOutFigures;
  /** The configuration as shipped (candidate 0) on the same set. */
  shipped: HeldOutFigures;
}

/** Every set held out in turn, and all held-out answers pooled against the shipped defaults. */
export interface CrossSetResult {
  objective: string;
  folds: CrossSetFold[];
  /** Each set answered by the point tuned on the others, concatenated; and shipped on every set. */
  pooled: { reported: HeldOutFigures; shipped: HeldOutFigures };
}

const all = (candidate: CandidateOutcomes | undefined): QuestionOutcome[] => [...(candidate?.outcomes.values() ?? [])];

/**
 * Cross-set tuning over precomputed grid outcomes: each set in turn is held out, the best point on
 * the other sets' outcomes pooled (by `chooseBest`, i.e. `cvObjective`) is chosen, and reported on
 * the held-out set. With two sets: A->B and B->A. The grids must list the same points in the same
 * order (the same knobs on the same composition).
 */
export const crossSetTuning = (sets: readonly SetCandidates[]): CrossSetResult => {
  if (sets.length < 2) throw new Error('Cross-set tuning needs at least two sets.');
  const points = (set: SetCandidates) => set.candidates.map((c) => describePoint(c.point)).join('; ');
  if (sets.some((set) => points(set) !== points(sets[0] as SetCandidates))) {
    throw new Error('Cross-set tuning needs the same grid points on every set.');
  }
  const pointCount = sets[0]?.candidates.length ?? 0;
  if (pointCount === 0) throw new Error('Cross-set tuning needs at least one candidate.');
  const pooledReported: QuestionOutcome[] = [];
  const pooledShipped: QuestionOutcome[] = [];
  const folds = sets.map((heldOut): CrossSetFold => {
    const tuning = sets.filter((set) => set !== heldOut);
    const pooledOn = (i: number) => tuning.flatMap((set) => all(set.candidates[i]));
    const index = chooseBest(Array.from({ length: pointCount }, (_, i) => pooledOn(i)));
    const chosen = heldOut.candidates[index] as CandidateOutcomes;
    const reported = all(chosen);
    const shipped = all(heldOut.candidates[0]);
    pooledReported.push(...reported);
    pooledShipped.push(...shipped);
    return {
      tunedOn: tuning.map((set) => set.name),
      reportedOn: heldOut.name,
      chosen: describePoint(chosen.point),
      chosenPoint: chosen.point,
      tuningObjective: cvObjective(pooledOn(index)),
      reported: heldOutFigures(reported),
      shipped: heldOutFigures(shipped),
    };
  });
  return {
    objective: CV_OBJECTIVE,
    folds,
    pooled: { reported: heldOutFigures(pooledReported), shipped: heldOutFigures(pooledShipped) },
  };
};
