import type { AnswerMetrics, HitCounts } from './answer-metrics.ts';
import type { AbstentionMetrics } from './metrics.ts';

/** A share as a percentage with one decimal, `-` when undefined. */
export const pct = (value: number | null | undefined): string => (value == null ? '-' : (value * 100).toFixed(1));

/** Milliseconds with one decimal, `-` when undefined. */
export const ms = (value: number | null | undefined): string => (value == null ? '-' : value.toFixed(1));

/** `hits/total (share%)`. */
export const ratio = (hits: number, total: number, value: number | null): string => `${hits}/${total} (${pct(value)}%)`;

/** Columns aligned: the first left, the others right. */
export const renderTable = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

/** Unanswerable accuracy and false-abstention rate, with their counts. */
export const abstentionLine = (a: AbstentionMetrics): string =>
  `unanswerable accuracy ${ratio(a.unanswerableAbstained, a.unanswerable, a.unanswerableAccuracy)}, ` +
  `false abstention ${ratio(a.answerableAbstained, a.answerable, a.falseAbstentionRate)}`;

const hitRow = (label: string, h: HitCounts): string[] => [
  label,
  String(h.questions),
  ratio(h.strict, h.questions, h.strictShare),
  ratio(h.lenient, h.questions, h.lenientShare),
];

/** Answer hit per kind and overall, then answer length and citation precision. */
export const answerLines = (a: AnswerMetrics): string[] => [
  'Docent answer hit (every span inside the answer joined with its quotes; strict: each also cited from its document):',
  renderTable(
    ['kind', 'questions', 'strict', 'lenient'],
    [...Object.entries(a.byKind).map(([kind, h]) => hitRow(kind, h)), hitRow('answerable', a.hit)],
  ),
  `Docent answers: median length ${a.medianAnswerChars ?? '-'} chars over ${a.answered} answered; ` +
    `citation precision ${ratio(a.citationsOnSpan, a.citations, a.citationPrecision)} of the answerable questions' citations overlap a gold span`,
];
