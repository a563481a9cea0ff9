import { describe, expect, it } from 'vitest';
import { CV_KNOBS, describePoint, expandGrid, type Knob, usableKnobs } from './knob-grid.ts';

const knobs: Knob[] = [
  { target: 'ask', name: 'rrfK', values: [3, 60] },
  { target: 'answerer', name: 'minCoverage', values: [0.2, 0.3, 0.4] },
];

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

  it('skips knobs whose target this composition cannot tune', () => {
    const { used, skipped } = usableKnobs(knobs, { ask: true, answerer: false });
    expect(used.map((k) => k.name)).toEqual(['rrfK']);
    expect(skipped.map((s) => [s.knob.name, s.reason])).toEqual([
      ['minCoverage', 'no answerer to tune in this composition'],
    ]);
    expect(usableKnobs(knobs, { ask: true, answerer: true }).used).toHaveLength(2);
    expect(CV_KNOBS.every((k) => k.values.length > 0)).toBe(true);
  });
});
