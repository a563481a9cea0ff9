import { describe, expect, it } from 'vitest';
import {
  CV_KNOBS,
  describePoint,
  expandGrid,
  type Knob,
  knobProblem,
  optionNamesRead,
  usableKnobs,
} from './knob-grid.ts';

const knobs: Knob[] = [
  { target: 'ask', name: 'rrfK', values: [3, 60] },
  { target: 'answerer', name: 'minCoverage', values: [0.2, 0.3, 0.4] },
];

// Two ways a constructor may take its options: one by one with defaults, or spread over defaults.
class ReadsByName {
  readonly minCoverage: number;
  constructor(options: { minCoverage?: number; maxSentences?: number }) {
    this.minCoverage = options.minCoverage ?? 0.1;
    if ((options.maxSentences ?? 3) < 1) throw new Error('maxSentences must be at least 1');
  }
}
class Spreads {
  readonly options: object;
  constructor(options: object) {
    this.options = { minCoverage: 0.1, ...options };
  }
}

describe('the cross-validation grid', () => {
  it('expands to every combination, the first knob varying slowest', () => {
    const points = expandGrid(knobs.slice(0, 2));
    expect(points).toHaveLength(6);
    expect(points.map(describePoint).slice(0, 4)).toEqual([
      'ask.rrfK=3 answerer.minCoverage=0.2',
      'ask.rrfK=3 answerer.minCoverage=0.3',
      'ask.rrfK=3 answerer.minCoverage=0.4',
      'ask.rrfK=60 answerer.minCoverage=0.2',
    ]);
    expect(expandGrid([])).toEqual([{ ask: {}, answerer: {} }]);
    expect(describePoint({ ask: {}, answerer: {} })).toBe('as composed');
  });

  it('skips the knobs the check gives a reason for, keeping the order of the rest', () => {
    const { used, skipped } = usableKnobs(knobs, (k) => (k.target === 'answerer' ? 'no answerer' : null));
    expect(used.map((k) => k.name)).toEqual(['rrfK']);
    expect(skipped.map((s) => [s.knob.name, s.reason])).toEqual([['minCoverage', 'no answerer']]);
    expect(usableKnobs(knobs, () => null).used).toEqual(knobs);
  });

  it('keeps the shipped grid small: every knob has values, at most 32 points', () => {
    expect(CV_KNOBS.every((k) => k.values.length > 0)).toBe(true);
    expect(expandGrid(CV_KNOBS).length).toBeLessThanOrEqual(32);
  });
});

describe('answerer knobs the constructor may not know', () => {
  // Knobs named as the fake constructors above know them, whatever the domain's options are now:
  // `renamed` stands for an option renamed under the grid's feet.
  const knob = (name: string, values: number[]) => ({ target: 'answerer', name, values }) as unknown as Knob;
  const fromOptions = (Class: new (options: never) => unknown) => (options: object) => new Class(options as never);

  it('learns the names a constructor reads one by one; a spreading constructor names nothing', () => {
    expect(optionNamesRead(fromOptions(ReadsByName))).toEqual(new Set(['minCoverage', 'maxSentences']));
    expect(optionNamesRead(fromOptions(Spreads))).toBeNull();
  });

  it('skips a name the constructor is seen not to read, and a value it refuses', () => {
    expect(knobProblem(knob('renamed', [0.1]), fromOptions(ReadsByName))).toBe(
      'not a known option (known: maxSentences, minCoverage)',
    );
    expect(knobProblem(knob('minCoverage', [0.1, 0.2]), fromOptions(ReadsByName))).toBeNull();
    expect(knobProblem(knob('maxSentences', [2, 0]), fromOptions(ReadsByName))).toBe(
      'maxSentences=0 refused: maxSentences must be at least 1',
    );
  });

  it('lets every name through when the constructor cannot tell (spread): an unknown one is then a no-op', () => {
    expect(knobProblem(knob('renamed', [0.1]), fromOptions(Spreads))).toBeNull();
  });
});
