import { describe, expect, it } from 'vitest';
import type { SetReport } from './evaluate-set.ts';
import { targetLine } from './issue-targets.ts';
import type { PipelineReport } from './pipeline-report.ts';

// Only the fields the targets read; the rest of a report does not matter here.
const docent = (hit: number, wallP95: number | null) =>
  ({
    answers: { hit: { strictShare: hit }, medianAnswerChars: 250 },
    abstention: { unanswerableAccuracy: 7 / 8, falseAbstentionRate: 0 },
    strict: { recall: { 5: 0.87 }, multiAll: { 10: 5 / 6 } },
    latency: wallP95 === null ? undefined : { wallP95 },
  }) as unknown as PipelineReport;
const set = (qaDir: string) => ({ qaDir }) as SetReport;

describe('targetLine', () => {
  it("checks a public set against its issue's rows, shares equal to a fraction counting as met", () => {
    const line = targetLine(set('../shared/qa-dev/'), docent(0.59, 70));
    expect(line).toMatch(/^Issue 12 targets \(strict\): MISSED: answer hit >= 0\.60; met: unanswerable/);
    expect(line).toContain('met: multi all@10 >= 5/6');
    expect(line).toContain('met: ask p95 <= 150 ms');
  });

  it("holds recall@5 to the issue's count: 40/46 (86.96%) is met, 39/46 missed", () => {
    const withRecall = (recall5: number) => ({
      ...docent(0.61, 70),
      strict: { recall: { 5: recall5 }, multiAll: { 10: 1 } },
    });
    expect(targetLine(set('/x/qa-dev'), withRecall(40 / 46) as PipelineReport)).toContain('met: recall@5 >= 40/46');
    expect(targetLine(set('/x/qa-dev'), withRecall(39 / 46) as PipelineReport)).toContain('MISSED: recall@5 >= 40/46');
    expect(targetLine(set('/x/qa-dev2'), withRecall(30 / 40) as PipelineReport)).toContain('met: recall@5 >= 30/40');
  });

  it('says "?" for a figure the run did not measure', () => {
    expect(targetLine(set('/x/qa-dev'), docent(0.61, null))).toContain('?: ask p95 <= 150 ms');
  });

  it('holds the second set to its own rows', () => {
    expect(targetLine(set('/x/qa-dev'), docent(0.55, 70))).toContain('MISSED: answer hit >= 0.60');
    expect(targetLine(set('/x/qa-dev2'), docent(0.55, 70))).toContain('met: answer hit >= 0.50');
  });

  it('holds any other set to the long-term goals', () => {
    expect(targetLine(set('/data/private'), docent(0.81, 70))).toBe(
      'Long-term goals (strict): met: answer hit >= 0.80; MISSED: recall@5 >= 95%',
    );
  });
});
