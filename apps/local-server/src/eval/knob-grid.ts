import type { AskQuestionOptions, ExtractiveAnswererOptions } from '@docent/domain';

/** Whose option a knob is: `AskQuestion`'s or the extractive answerer's. */
export type KnobTarget = 'ask' | 'answerer';

type NumericOption<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T] & string;

/**
 * One tunable ask-time option and the values the grid tries. Option names are checked by the
 * compiler against the domain's options interfaces, so a renamed option fails the type-check; at
 * run time an answerer option its constructor does not know is skipped (see `knobProblem`).
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
 * The tuning grid (`--cv`, `--cross`): the one table to edit when the ask-time options change.
 * Each knob brackets its default (largest dense weight 2, passage-focus weight 1; the reader's
 * read depth 3, short-answer widening 200 characters, evidence floor 0.05), so the chosen value
 * says which way to move. 32 points: every point asks every question of every set once, about
 * 2 minutes for both dev sets.
 */
export const CV_KNOBS: readonly Knob[] = [
  { target: 'ask', name: 'denseWeight', values: [1, 2] },
  { target: 'ask', name: 'focusWeight', values: [0.5, 1] },
  { target: 'answerer', name: 'readDepth', values: [2, 3] },
  { target: 'answerer', name: 'minSpanChars', values: [120, 200] },
  { target: 'answerer', name: 'minCoverage', values: [0.05, 0.1] },
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

/** Why this composition cannot tune a knob, or null when it can. */
export type KnobCheck = (knob: Knob) => string | null;

/** Splits the knobs into those the check lets through and those it skips, with its reason. */
export const usableKnobs = (knobs: readonly Knob[], check: KnobCheck): { used: Knob[]; skipped: SkippedKnob[] } => {
  const used: Knob[] = [];
  const skipped: SkippedKnob[] = [];
  for (const knob of knobs) {
    const reason = check(knob);
    if (reason === null) used.push(knob);
    else skipped.push({ knob, reason });
  }
  return { used, skipped };
};

/**
 * The option names a constructor reads one by one (`options.x ?? default`, destructuring), found
 * by handing it a recording proxy; null when that tells nothing: it copies the options wholesale
 * (spread), reads none while constructing, or throws on the empty probe.
 */
export const optionNamesRead = (construct: (options: object) => unknown): ReadonlySet<string> | null => {
  const read = new Set<string>();
  let enumerated = false;
  const probe = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
      ownKeys: (target) => {
        enumerated = true;
        return Reflect.ownKeys(target);
      },
    },
  );
  try {
    construct(probe);
  } catch {
    return null;
  }
  return enumerated || read.size === 0 ? null : read;
};

/**
 * Why a knob cannot be handed to a constructor of options (the extractive answerer's, which is
 * reworked independently of this grid): a name it is seen not to read, or a value it refuses by
 * throwing. Null when neither, so a renamed option costs a skipped knob, not a crashed run.
 */
export const knobProblem = (knob: Knob, construct: (options: object) => unknown): string | null => {
  const known = optionNamesRead(construct);
  if (known !== null && !known.has(knob.name)) return `not a known option (known: ${[...known].sort().join(', ')})`;
  for (const value of knob.values) {
    try {
      construct({ [knob.name]: value });
    } catch (error) {
      return `${knob.name}=${value} refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return null;
};

/** `ask.denseWeight=0.2 answerer.minCoverage=0.35`, or `as composed` for no overrides. */
export const describePoint = (point: GridPoint): string => {
  const parts = (['ask', 'answerer'] as const).flatMap((target) =>
    Object.entries(point[target]).map(([name, value]) => `${target}.${name}=${value}`),
  );
  return parts.length === 0 ? 'as composed' : parts.join(' ');
};
