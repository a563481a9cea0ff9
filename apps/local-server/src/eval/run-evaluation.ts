import path from 'node:path';
import { type CrossSetResult, crossSetTuning, type SetCandidates } from './cross-set.ts';
import type { GridSummary } from './cv-runner.ts';
import { countQuestions, evaluateSet, type QuestionCounts, type SetOptions, type SetReport } from './evaluate-set.ts';
import { type PipelineReport, summarisePipeline } from './pipeline-report.ts';

/** What to evaluate and how; `baselines`, `crossValidate` and `knobs` apply to every set. */
export interface EvaluationOptions extends Pick<SetOptions, 'baselines' | 'crossValidate' | 'knobs' | 'settings'> {
  /** QA set folders (`docs/` and `questions.jsonl`, as qa-dev), evaluated one after the other. */
  qaDirs: readonly string[];
  /** The embedder Docent is composed with (default `use-lite`, the product default). */
  embedder?: SetOptions['embedder'];
  /** Tune the ask-time knobs on all sets but one and report them on that one, each in turn (default false). */
  crossSet?: boolean;
  /** Progress lines while it runs (ingest, baseline embedding, grid points), prefixed by the set. */
  onProgress?: (message: string) => void;
}

/** Every set's per-question results concatenated, then measured: pooled figures, not averages of shares. */
export interface PooledReport {
  sets: string[];
  questions: QuestionCounts;
  /** The pipelines every set ran. */
  pipelines: PipelineReport[];
}

/** Cross-set tuning with what was tuned; the grid time is summed over the sets. */
export type CrossSetReport = CrossSetResult & GridSummary;

/** Everything one evaluation run measured: the JSON report. */
export interface EvaluationReport {
  createdAt: string;
  embedder: 'use-lite' | 'hashing';
  /** Server settings changed from their defaults for this run (`--set`). */
  settings: Record<string, string>;
  node: string;
  sets: SetReport[];
  /** With two sets or more. */
  pooled?: PooledReport;
  /** With `crossSet`. */
  crossSet?: CrossSetReport;
  /** Peak RSS of the whole run: the largest set, its baselines and grid included. */
  peakRssBytes: number;
  elapsedMs: number;
}

/** Pools the sets' kept per-question results, pipeline by pipeline (those every set ran). */
export const poolSets = (sets: readonly SetReport[]): PooledReport => {
  const first = sets[0]?.pipelines ?? [];
  const shared = first.filter((p) => sets.every((s) => s.pipelines.some((q) => q.key === p.key)));
  return {
    sets: sets.map((s) => s.name),
    questions: countQuestions(sets.flatMap((s) => s.perQuestion)),
    pipelines: shared.map(({ key, label }) =>
      summarisePipeline(
        { key, label },
        sets.flatMap((s) =>
          s.perQuestion.flatMap(({ kind, results }) => {
            const result = results[key];
            return result === undefined ? [] : [{ kind, result }];
          }),
        ),
      ),
    ),
  };
};

/**
 * Runs the evaluation harness on each QA set in turn, each in its own fresh session (see
 * `evaluateSet`), then pools the sets' results and, with `crossSet`, tunes the ask-time knobs
 * across sets from the grid outcomes kept per set. Returns the report; nothing is printed or
 * written (see `eval-command.ts`).
 */
export const runEvaluation = async (options: EvaluationOptions): Promise<EvaluationReport> => {
  const started = performance.now();
  const embedder = options.embedder ?? 'use-lite';
  if (options.qaDirs.length === 0) throw new Error('Evaluation needs at least one QA set.');
  if (options.crossSet && options.qaDirs.length < 2) throw new Error('Cross-set tuning needs at least two QA sets.');
  const sets: SetReport[] = [];
  const grids: Array<SetCandidates & GridSummary> = [];
  for (const qaDir of options.qaDirs) {
    const name = path.basename(qaDir);
    const progress = options.onProgress;
    const { report, grid } = await evaluateSet({
      qaDir,
      embedder,
      ...(options.baselines === undefined ? {} : { baselines: options.baselines }),
      grid: options.crossSet === true,
      ...(options.crossValidate === undefined ? {} : { crossValidate: options.crossValidate }),
      ...(options.knobs === undefined ? {} : { knobs: options.knobs }),
      ...(options.settings === undefined ? {} : { settings: options.settings }),
      ...(progress ? { onProgress: (message: string) => progress(`[${name}] ${message}`) } : {}),
    });
    sets.push(report);
    if (grid !== undefined) grids.push({ name: report.name, ...grid });
  }
  const crossSet: CrossSetReport | undefined =
    options.crossSet && grids[0] !== undefined
      ? {
          ...crossSetTuning(grids),
          knobs: grids[0].knobs,
          skipped: grids[0].skipped,
          gridPoints: grids[0].gridPoints,
          elapsedMs: grids.reduce((sum, g) => sum + g.elapsedMs, 0),
        }
      : undefined;
  return {
    createdAt: new Date().toISOString(),
    embedder,
    settings: { ...options.settings },
    node: process.version,
    sets,
    ...(sets.length > 1 ? { pooled: poolSets(sets) } : {}),
    ...(crossSet === undefined ? {} : { crossSet }),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    elapsedMs: performance.now() - started,
  };
};
