import type { CrossValidationReport } from './cv-runner.ts';
import type { AbstentionMetrics, AtCutoffs, HitMode, RetrievalMetrics } from './metrics.ts';
import type { EvaluationReport, PipelineReport } from './run-evaluation.ts';

const pct = (value: number | null | undefined): string => (value == null ? '-' : (value * 100).toFixed(1));
const ms = (value: number | null | undefined): string => (value == null ? '-' : value.toFixed(1));
const series = (values: AtCutoffs): string => [values[1], values[3], values[5], values[10]].map(pct).join(' / ');

/** Columns aligned: the first left, the others right. */
const renderTable = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

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

const abstentionLine = (a: AbstentionMetrics): string =>
  `unanswerable accuracy ${a.unanswerableAbstained}/${a.unanswerable} (${pct(a.unanswerableAccuracy)}%), ` +
  `false abstention ${a.answerableAbstained}/${a.answerable} (${pct(a.falseAbstentionRate)}%)`;

/** The issue's targets on qa-dev, checked on strict hits. */
const TARGETS: Array<{ label: string; met: (r: EvaluationReport, docent: PipelineReport) => boolean | null }> = [
  { label: 'recall@5 >= 95%', met: (_, d) => atLeast(d.strict.recall[5], 0.95) },
  { label: 'recall@1 >= 75%', met: (_, d) => atLeast(d.strict.recall[1], 0.75) },
  { label: 'paraphrase recall@5 >= 90%', met: (_, d) => atLeast(d.strict.paraphrase[5], 0.9) },
  { label: 'multi all@10 >= 5/6', met: (_, d) => atLeast(d.strict.multiAll[10], 5 / 6) },
  { label: 'unanswerable accuracy >= 7/8', met: (_, d) => atLeast(d.abstention?.unanswerableAccuracy, 7 / 8) },
  { label: 'false abstention <= 2/52', met: (_, d) => atMost(d.abstention?.falseAbstentionRate, 2 / 52) },
  { label: 'mean chunk <= 1200 chars', met: (r) => r.ingest.meanChunkChars <= 1200 },
  { label: 'ask p95 <= 150 ms', met: (_, d) => atMost(d.latency?.wallP95, 150) },
];
// A share equal to a fraction such as 5/6 may differ from it in the last bit.
const EPSILON = 1e-9;
const atLeast = (v: number | null | undefined, min: number) => (v == null ? null : v >= min - EPSILON);
const atMost = (v: number | null | undefined, max: number) => (v == null ? null : v <= max + EPSILON);

const crossValidationLines = (cv: CrossValidationReport): string[] => {
  const knobs = cv.knobs.map((k) => `${k.target}.${k.name} [${k.values.join(', ')}]`).join(', ');
  const skipped = cv.skipped.map((s) => `${s.target}.${s.name} (${s.reason})`).join(', ');
  const lines = [
    `Cross-validation: ${cv.gridPoints} grid points + the configuration as composed, ${(cv.elapsedMs / 1000).toFixed(0)} s`,
    `  objective: ${cv.objective}; halves stratified by kind, alternate ids (A ${cv.halves.A.length}, B ${cv.halves.B.length} questions)`,
    `  knobs: ${knobs || 'none'}${skipped ? `; skipped: ${skipped}` : ''}`,
  ];
  for (const fold of cv.folds) {
    const h = fold.heldOut;
    lines.push(
      `  tuned on ${fold.tunedOn} -> ${fold.chosen} (objective on ${fold.tunedOn} ${fold.tuningObjective.toFixed(3)})`,
      `    held out ${fold.evaluatedOn}: objective ${h.objective.toFixed(3)}, R@1 ${pct(h.strict.recall[1])}, R@5 ${pct(h.strict.recall[5])}, ` +
        `paraphrase R@5 ${pct(h.strict.paraphrase[5])}, all@10 ${pct(h.strict.multiAll[10])}, ${abstentionLine(h.abstention)}`,
      `    as composed on ${fold.evaluatedOn}: objective ${fold.asComposedHeldOut.objective.toFixed(3)}, R@5 ${pct(fold.asComposedHeldOut.strict.recall[5])}, ${abstentionLine(fold.asComposedHeldOut.abstention)}`,
    );
  }
  const p = cv.pooled;
  lines.push(
    `  pooled held-out (each half answered by the configuration tuned on the other): R@1 ${pct(p.strict.recall[1])}, ` +
      `R@5 ${pct(p.strict.recall[5])}, R@10 ${pct(p.strict.recall[10])}, paraphrase R@5 ${pct(p.strict.paraphrase[5])}, ` +
      `MRR@10 ${p.strict.mrr10?.toFixed(3) ?? '-'}, all@10 ${pct(p.strict.multiAll[10])}, ${abstentionLine(p.abstention)}`,
  );
  return lines;
};

/** The report as printed by `docent eval`: tables, abstention, latency, ingest, targets, CV. */
export const formatReport = (report: EvaluationReport): string => {
  const docent = report.pipelines.find((p) => p.key === 'docent');
  const { ingest } = report;
  const q = report.questions;
  const lines = [
    `Docent evaluation on ${report.qaDir} (${q.total} questions: lookup ${q.lookup}, paraphrase ${q.paraphrase}, ` +
      `multi ${q.multi}, unanswerable ${q.unanswerable}; embedder ${report.embedder}; node ${report.node})`,
    '',
    'Strict hits (the span inside a returned passage of the right document), top 10, %:',
    retrievalTable(report.pipelines, 'strict'),
    '',
    'Lenient hits (the span inside a returned passage of any document), top 10, %:',
    retrievalTable(report.pipelines, 'lenient'),
    '',
  ];
  if (docent?.abstention) lines.push(`Docent abstention: ${abstentionLine(docent.abstention)}`);
  if (docent?.latency) {
    const l = docent.latency;
    lines.push(
      `Docent ask latency: wall p50 / p95 ${ms(l.wallP50)} / ${ms(l.wallP95)} ms; server totalMs p50 / p95 ${ms(l.serverP50)} / ${ms(l.serverP95)} ms`,
    );
  }
  const failed = ingest.failed.map((f) => `${f.name}: ${f.code}`).join(', ');
  lines.push(
    `Ingest: ${ingest.documents} documents${failed ? ` (failed: ${failed})` : ''}, ${ingest.chunks} chunks, ` +
      `mean chunk ${ingest.meanChunkChars.toFixed(0)} chars, upload -> all ready ${(ingest.ingestMs / 1000).toFixed(1)} s, ` +
      `peak RSS ${(ingest.peakRssBytes / 2 ** 20).toFixed(0)} MiB (whole run ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MiB)`,
    `Span coverage: ${ingest.spanCoverage.found}/${ingest.spanCoverage.total} spans in Docent's normalised text` +
      (ingest.spanCoverage.missing.length > 0
        ? ` (missing: ${ingest.spanCoverage.missing.map((m) => `${m.id} ${m.doc}`).join(', ')})`
        : ''),
  );
  for (const p of report.pipelines) {
    if (p.index)
      lines.push(`${p.label} index: ${p.index.chunks} chunks, mean ${p.index.meanChunkChars.toFixed(0)} chars`);
  }
  if (docent) {
    const checks = TARGETS.map((t) => {
      const met = t.met(report, docent);
      return `${met === null ? '?' : met ? 'met' : 'MISSED'}: ${t.label}`;
    });
    lines.push(`Issue 4 targets (qa-dev, strict): ${checks.join('; ')}`);
  }
  if (report.crossValidation) lines.push('', ...crossValidationLines(report.crossValidation));
  return lines.join('\n');
};
