import { describe, expect, it } from 'vitest';
import { type BenchReport, formatReport } from './bench-report.ts';

const machine = { cores: 2, model: 'test CPU', node: 'v24.0.0', memoryGiB: 24, loadAverage: [0.1, 0.2, 0.3] };

// Figures as the parts return them: unrounded floats straight from timers and byte counts.
const scalePoint = {
  chunks: 100_000,
  buildS: 74.44770141699998,
  diskMiB: 1626.7938680648804,
  rssMiB: 389.13671875,
  askP50Ms: 26.50103399999989,
  askP95Ms: 33.691209999999955,
  askSerialP95Ms: 30.2,
  askCpuP50Ms: 12.3,
  overlapP50: 0.99,
  recallAt10: 0.9866666666666667,
  lexicalP95Ms: 22.808370000000195,
  denseP95Ms: 18.1,
  lexicalCpuP95Ms: 15.2,
  denseCpuP95Ms: 14.4,
  rssAnonMiB: 300.5,
  rssFileMiB: 71.25,
  firstAskMs: 157.46812899999986,
  warmUpMs: 1941.287586,
  prewarmMiB: 847.3359375,
  prewarmMs: 1500.4,
  openReadMiB: 0,
  askReadMiB: 0.109375,
};

const report: BenchReport = {
  startedAt: '2026-12-08T01:40:04.797Z',
  commit: 'abc123',
  machine,
  qaDir: '../shared/qa-dev',
  qaStore: { readyS: 17.712345, searchableS: 6.0049, chunks: 1914 },
  scale: [scalePoint],
};

describe('formatReport: figures printed at the precision they are worth', () => {
  it('rounds every scale figure instead of printing the raw floats', () => {
    const line = formatReport(report)
      .split('\n')
      .find((l) => l.includes('100000 chunks'));
    expect(line).toContain(
      'build 74.4 s, disk 1627 MiB, RSS 389 MiB, first ask (cold) 157.5 ms, warm after 1941 ms (pre-read 847 MiB), warm ask p50 26.5 / p95 33.7 ms, recall@10 0.987, BM25 p95 22.8 ms, read from disk while asking 0.1 MiB',
    );
  });

  it("rounds the ask store's ingest times, and says when a kept store was reused", () => {
    expect(formatReport(report)).toContain('17.7 s (searchable 6.0 s)');
    const reused = formatReport({ ...report, qaStore: { readyS: Number.NaN, searchableS: Number.NaN, chunks: 0 } });
    expect(reused).toContain('reused (DOCENT_BENCH_QA_DATA_DIR)');
  });
});
