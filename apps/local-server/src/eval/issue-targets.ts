import path from 'node:path';
import type { SetReport } from './evaluate-set.ts';
import type { PipelineReport } from './pipeline-report.ts';

/** One checkable target: met, missed, or unknown (`null`) when the run did not measure it. */
export interface Target {
  label: string;
  met: (report: SetReport, docent: PipelineReport) => boolean | null;
}

// A share equal to a fraction such as 5/6 may differ from it in the last bit.
const EPSILON = 1e-9;
const atLeast = (v: number | null | undefined, min: number) => (v == null ? null : v >= min - EPSILON);
const atMost = (v: number | null | undefined, max: number) => (v == null ? null : v <= max + EPSILON);

const answerTargets = (o: {
  hit: number;
  unanswerable: [number, number];
  falseAbstention: [number, number];
  /** Lookup and paraphrase questions found in the top 5, of all of them: the issue's "no regression" baseline as counted. */
  recall5: [number, number];
  multiAll10: [number, number];
}): Target[] => [
  { label: `answer hit >= ${o.hit.toFixed(2)}`, met: (_, d) => atLeast(d.answers?.hit.strictShare, o.hit) },
  {
    label: `unanswerable "not found" >= ${o.unanswerable.join('/')}`,
    met: (_, d) => atLeast(d.abstention?.unanswerableAccuracy, o.unanswerable[0] / o.unanswerable[1]),
  },
  {
    label: `false abstention <= ${o.falseAbstention.join('/')}`,
    met: (_, d) => atMost(d.abstention?.falseAbstentionRate, o.falseAbstention[0] / o.falseAbstention[1]),
  },
  {
    label: `recall@5 >= ${o.recall5.join('/')}`,
    met: (_, d) => atLeast(d.strict.recall[5], o.recall5[0] / o.recall5[1]),
  },
  {
    label: `multi all@10 >= ${o.multiAll10.join('/')}`,
    met: (_, d) => atLeast(d.strict.multiAll[10], o.multiAll10[0] / o.multiAll10[1]),
  },
  { label: 'median answer <= 400 chars', met: (_, d) => atMost(d.answers?.medianAnswerChars, 400) },
  { label: 'ask p95 <= 150 ms', met: (_, d) => atMost(d.latency?.wallP95, 150) },
];

/**
 * The targets of the issue that owns answering quality (issue 12), per public set, and the
 * long-term goal for any other set. Reporting only: nothing in answering reads these.
 */
const ISSUE_TARGETS: Record<string, { title: string; targets: Target[] }> = {
  'qa-dev': {
    title: 'Issue 12 targets (strict)',
    targets: answerTargets({
      hit: 0.6,
      unanswerable: [7, 8],
      falseAbstention: [2, 52],
      // Issue 12's "0.87, no regression" is 40 of qa-dev's 46 (86.96%), so it is held as the count.
      recall5: [40, 46],
      multiAll10: [5, 6],
    }),
  },
  'qa-dev2': {
    title: 'Issue 12 targets (strict)',
    targets: answerTargets({
      hit: 0.5,
      unanswerable: [13, 16],
      falseAbstention: [3, 48],
      recall5: [30, 40],
      multiAll10: [6, 8],
    }),
  },
};

const LONG_TERM = {
  title: 'Long-term goals (strict)',
  targets: [
    { label: 'answer hit >= 0.80', met: (_, d) => atLeast(d.answers?.hit.strictShare, 0.8) },
    { label: 'recall@5 >= 95%', met: (_, d) => atLeast(d.strict.recall[5], 0.95) },
  ] satisfies Target[],
};

/** One line saying which targets of the set's issue the run met. */
export const targetLine = (report: SetReport, docent: PipelineReport): string => {
  const { title, targets } = ISSUE_TARGETS[path.basename(path.resolve(report.qaDir))] ?? LONG_TERM;
  const checks = targets.map((t) => {
    const met = t.met(report, docent);
    return `${met === null ? '?' : met ? 'met' : 'MISSED'}: ${t.label}`;
  });
  return `${title}: ${checks.join('; ')}`;
};
