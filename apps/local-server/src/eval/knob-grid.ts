import type { AskQuestionOptions, ExtractiveAnswererOptions } from '@docent/domain';

/** Whose option a knob is: `AskQuestion`'s or the extractive answerer's. */
export type KnobTarget = 'ask' | 'answerer';

type NumericOption<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T] & string;

/**
 * One tunable ask-time option and the values the grid tries. Option names are checked by the
 * compiler against the domain's options interfaces, so a renamed option fails the type-check.
 */
export type Knob =
  | { target: 'ask'; name: NumericOption<AskQuestionOptions>; values: readonly number[] }
  | { target: 'answerer'; name: NumericOption<ExtractiveAnswererOptions>; values: readonly number[] };

/** A configuration: option overrides per target. */
export interface GridPoint {
  ask: Record<string, number>;
  answerer: Record<string, number>;
}

/**
 * The cross-validation grid: the one table to edit when the ask-time options change. Values
 * bracket each default as AskQuestion and the extractive answerer had it when this was written
 * (largest dense weight 1.5, fusion k 10, passage-focus weight 1, answer coverage 0.15) on both
 * sides, so the chosen value says which way to move; 81 points in all.
 */
export const CV_KNOBS: readonly Knob[] = [
  { target: 'ask', name: 'denseWeight', values: [0.5, 1.5, 3] },
  { target: 'ask', name: 'rrfK', values: [3, 10, 30] },
  { target: 'ask', name: 'focusWeight', values: [0.5, 1, 2] },
  { target: 'answerer', name: 'minCoverage', values: [0.1, 0.15, 0.25] },
];

/** Every combination of the knobs' values, the first knob varying slowest. */
export const expandGrid = (knobs: readonly Knob[]): GridPoint[] =>
  knobs.reduce<GridPoint[]>(
    (points, knob) =>
      points.flatMap((point) =>
        knob.values.map((value) => ({ ...point, [knob.target]: { ...point[knob.target], [knob.name]: value } })),
      ),
    [{ ask: {}, answerer: {} }],
  );

/** A knob left out of the grid, and why. */
export interface SkippedKnob {
  knob: Knob;
  reason: string;
}

/** Keeps the knobs whose target this composition can tune (the answerer only when it is extractive). */
export const usableKnobs = (
  knobs: readonly Knob[],
  available: Record<KnobTarget, boolean>,
): { used: Knob[]; skipped: SkippedKnob[] } => {
  const used = knobs.filter((knob) => available[knob.target]);
  const skipped = knobs
    .filter((knob) => !available[knob.target])
    .map((knob) => ({ knob, reason: `no ${knob.target} to tune in this composition` }));
  return { used, skipped };
};

/** `ask.denseWeight=0.2 answerer.minCoverage=0.35`, or `as composed` for no overrides. */
export const describePoint = (point: GridPoint): string => {
  const parts = (['ask', 'answerer'] as const).flatMap((target) =>
    Object.entries(point[target]).map(([name, value]) => `${target}.${name}=${value}`),
  );
  return parts.length === 0 ? 'as composed' : parts.join(' ');
};
