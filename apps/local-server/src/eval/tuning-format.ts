import type { HeldOutFigures } from './cross-validation.ts';
import type { CrossValidationReport, GridSummary } from './cv-runner.ts';
import type { CrossSetReport } from './run-evaluation.ts';
import { abstentionLine, pct, ratio, renderTable } from './table-format.ts';

const gridLines = (title: string, grid: GridSummary, objective: string): string[] => {
  const knobs = grid.knobs.map((k) => `${k.target}.${k.name} [${k.values.join(', ')}]`).join(', ');
  const skipped = grid.skipped.map((s) => `${s.target}.${s.name} (${s.reason})`).join(', ');
  return [
    `${title}: ${grid.gridPoints} grid points + the configuration as composed, ${(grid.elapsedMs / 1000).toFixed(0)} s`,
    `  objective: ${objective}`,
    `  knobs: ${knobs || 'none'}${skipped ? `; skipped: ${skipped}` : ''}`,
  ];
};

const answerHit = (f: HeldOutFigures): string => `answer hit ${pct(f.answers.hit.strictShare)}`;

/** The `--cv` section: each half's choice, held out, and the pooled held-out figures. */
export const crossValidationLines = (cv: CrossValidationReport): string[] => {
  const lines = [
    ...gridLines('Cross-validation', cv, cv.objective),
    `  halves stratified by kind, alternate ids (A ${cv.halves.A.length}, B ${cv.halves.B.length} questions)`,
  ];
  for (const fold of cv.folds) {
    const h = fold.heldOut;
    const c = fold.asComposedHeldOut;
    lines.push(
      `  tuned on ${fold.tunedOn} -> ${fold.chosen} (objective on ${fold.tunedOn} ${fold.tuningObjective.toFixed(3)})`,
      `    held out ${fold.evaluatedOn}: objective ${h.objective.toFixed(3)}, ${answerHit(h)}, R@1 ${pct(h.strict.recall[1])}, R@5 ${pct(h.strict.recall[5])}, ` +
        `paraphrase R@5 ${pct(h.strict.paraphrase[5])}, all@10 ${pct(h.strict.multiAll[10])}, ${abstentionLine(h.abstention)}`,
      `    as composed on ${fold.evaluatedOn}: objective ${c.objective.toFixed(3)}, ${answerHit(c)}, R@5 ${pct(c.strict.recall[5])}, ${abstentionLine(c.abstention)}`,
    );
  }
  const p = cv.pooled;
  lines.push(
    `  pooled held-out (each half answered by the configuration tuned on the other): ` +
      `answer hit ${ratio(p.answers.hit.strict, p.answers.hit.questions, p.answers.hit.strictShare)}, R@1 ${pct(p.strict.recall[1])}, ` +
      `R@5 ${pct(p.strict.recall[5])}, R@10 ${pct(p.strict.recall[10])}, paraphrase R@5 ${pct(p.strict.paraphrase[5])}, ` +
      `MRR@10 ${p.strict.mrr10?.toFixed(3) ?? '-'}, all@10 ${pct(p.strict.multiAll[10])}, ${abstentionLine(p.abstention)}`,
  );
  return lines;
};

const CROSS_HEADER = [
  'tuned on -> reported on',
  'chosen knobs',
  'objective',
  'on tuning sets',
  'answer hit',
  'R@1',
  'R@5',
  'all@10',
  'unanswerable',
  'false abstention',
];

const crossRow = (label: string, knobs: string, f: HeldOutFigures, tuningObjective?: number): string[] => [
  label,
  knobs,
  f.objective.toFixed(3),
  tuningObjective?.toFixed(3) ?? '-',
  ratio(f.answers.hit.strict, f.answers.hit.questions, f.answers.hit.strictShare),
  pct(f.strict.recall[1]),
  pct(f.strict.recall[5]),
  pct(f.strict.multiAll[10]),
  ratio(f.abstention.unanswerableAbstained, f.abstention.unanswerable, f.abstention.unanswerableAccuracy),
  ratio(f.abstention.answerableAbstained, f.abstention.answerable, f.abstention.falseAbstentionRate),
];

/** The `--cross` section: per held-out set, the knobs tuned on the others against the shipped defaults. */
export const crossSetLines = (cross: CrossSetReport): string[] => {
  const rows = cross.folds.flatMap((fold) => [
    crossRow(`${fold.tunedOn.join(' + ')} -> ${fold.reportedOn}`, fold.chosen, fold.reported, fold.tuningObjective),
    crossRow(`shipped on ${fold.reportedOn}`, 'as composed', fold.shipped),
  ]);
  rows.push(
    crossRow('pooled held-out', 'per row above', cross.pooled.reported),
    crossRow('shipped, pooled', 'as composed', cross.pooled.shipped),
  );
  return [
    ...gridLines('Cross-set tuning', cross, cross.objective),
    '  objective on the reported set and on the sets the knobs were chosen on; strict hits, %; answer hit,',
    '  unanswerable and false abstention as counts (share %)',
    renderTable(CROSS_HEADER, rows),
  ];
};
