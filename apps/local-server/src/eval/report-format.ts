import type { QuestionCounts, SetReport } from './evaluate-set.ts';
import { targetLine } from './issue-targets.ts';
import type { AtCutoffs, HitMode, RetrievalMetrics } from './metrics.ts';
import type { PipelineReport } from './pipeline-report.ts';
import type { EvaluationReport, PooledReport } from './run-evaluation.ts';
import { abstentionLine, answerLines, ms, pct, renderTable } from './table-format.ts';
import { crossSetLines, crossValidationLines } from './tuning-format.ts';

const series = (values: AtCutoffs): string => [values[1], values[3], values[5], values[10]].map(pct).join(' / ');

const RETRIEVAL_HEADER = [
  'pipeline',
  'R@1',
  'R@3',
  'R@5',
  'R@10',
  'lookup R@1/3/5/10',
  'paraphrase R@1/3/5/10',
  'MRR@10',
  'all@5',
  'all@10',
  'passage@5',
  'passage@10',
];

const retrievalRow = (label: string, m: RetrievalMetrics): string[] => [
  label,
  pct(m.recall[1]),
  pct(m.recall[3]),
  pct(m.recall[5]),
  pct(m.recall[10]),
  series(m.lookup),
  series(m.paraphrase),
  m.mrr10 == null ? '-' : m.mrr10.toFixed(3),
  pct(m.multiAll[5]),
  pct(m.multiAll[10]),
  pct(m.multiPassage[5]),
  pct(m.multiPassage[10]),
];

const retrievalTable = (pipelines: readonly PipelineReport[], mode: HitMode): string =>
  renderTable(
    RETRIEVAL_HEADER,
    pipelines.map((p) => retrievalRow(p.label, p[mode])),
  );

const countsLine = (q: QuestionCounts): string =>
  `${q.total} questions: lookup ${q.lookup}, paraphrase ${q.paraphrase}, multi ${q.multi}, unanswerable ${q.unanswerable}`;

/** Retrieval tables of every pipeline, then Docent's abstention, answers and latency. */
const pipelineLines = (pipelines: readonly PipelineReport[]): string[] => {
  const docent = pipelines.find((p) => p.key === 'docent');
  const lines = [
    'Strict hits (the span inside a returned passage of the right document), top 10, %:',
    retrievalTable(pipelines, 'strict'),
    '',
    'Lenient hits (the span inside a returned passage of any document), top 10, %:',
    retrievalTable(pipelines, 'lenient'),
    '',
  ];
  if (docent?.abstention) lines.push(`Docent abstention: ${abstentionLine(docent.abstention)}`);
  if (docent?.answers) lines.push(...answerLines(docent.answers));
  if (docent?.latency) {
    const l = docent.latency;
    lines.push(
      `Docent ask latency: wall p50 / p95 ${ms(l.wallP50)} / ${ms(l.wallP95)} ms; server totalMs p50 / p95 ${ms(l.serverP50)} / ${ms(l.serverP95)} ms`,
    );
  }
  return lines;
};

// The `--set` settings, as given; none prints nothing.
const settingsLine = (settings: Record<string, string>): string =>
  Object.entries(settings)
    .map(([name, value]) => `; ${name}=${value}`)
    .join('');

const setLines = (report: SetReport, run: EvaluationReport): string[] => {
  const docent = report.pipelines.find((p) => p.key === 'docent');
  const { ingest } = report;
  const lines = [
    `Docent evaluation on ${report.qaDir} (${countsLine(report.questions)}; embedder ${run.embedder}${settingsLine(run.settings)}; node ${run.node})`,
    '',
    ...pipelineLines(report.pipelines),
  ];
  const failed = ingest.failed.map((f) => `${f.name}: ${f.code}`).join(', ');
  lines.push(
    `Ingest: ${ingest.documents} documents${failed ? ` (failed: ${failed})` : ''}, ${ingest.chunks} chunks, ` +
      `mean chunk ${ingest.meanChunkChars.toFixed(0)} chars, upload -> all ready ${(ingest.ingestMs / 1000).toFixed(1)} s, ` +
      `peak RSS ${(ingest.peakRssBytes / 2 ** 20).toFixed(0)} MiB (after the set ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MiB)`,
    `Span coverage: ${ingest.spanCoverage.found}/${ingest.spanCoverage.total} spans in Docent's normalised text` +
      (ingest.spanCoverage.missing.length > 0
        ? ` (missing: ${ingest.spanCoverage.missing.map((m) => `${m.id} ${m.doc}`).join(', ')})`
        : ''),
  );
  for (const p of report.pipelines) {
    if (p.index)
      lines.push(`${p.label} index: ${p.index.chunks} chunks, mean ${p.index.meanChunkChars.toFixed(0)} chars`);
  }
  if (docent) lines.push(targetLine(report, docent));
  if (report.crossValidation) lines.push('', ...crossValidationLines(report.crossValidation));
  return lines;
};

const pooledLines = (pooled: PooledReport): string[] => [
  `Pooled over ${pooled.sets.join(', ')} (${countsLine(pooled.questions)}; every question's result counted once, not averages of shares)`,
  '',
  ...pipelineLines(pooled.pipelines),
];

/** The report as printed by `docent eval`: each set's tables, then the pooled figures and cross-set tuning. */
export const formatReport = (report: EvaluationReport): string => {
  const sections = report.sets.map((set) => setLines(set, report));
  if (report.pooled) sections.push(pooledLines(report.pooled));
  if (report.crossSet) sections.push(crossSetLines(report.crossSet));
  const rss = `Whole run: ${(report.elapsedMs / 1000).toFixed(0)} s, peak RSS ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MiB`;
  return [...sections.map((lines) => lines.join('\n')), rss].join('\n\n');
};
