import path from 'node:path';
import { TOKENS } from '@docent/domain';
import { CachingQueryEmbedder } from './caching-query-embedder.ts';
import { type CrossValidationReport, crossValidateHalves, type GridRun, runGrid } from './cv-runner.ts';
import { docentPipeline } from './docent-pipeline.ts';
import { type EvalSession, type IngestStats, openEvalSession } from './eval-session.ts';
import { locateGoldSpans } from './gold-spans.ts';
import { bm25Pipeline, vectorPipeline } from './index-pipelines.ts';
import { CV_KNOBS, type Knob } from './knob-grid.ts';
import { buildLangChainPipeline } from './langchain-pipeline.ts';
import type { Pipeline, QuestionResult } from './pipeline.ts';
import { type PipelineReport, runPipeline, summarisePipeline } from './pipeline-report.ts';
import { qaNormalise } from './qa-normal-form.ts';
import { loadQaSet, type QaQuestion, QUESTION_KINDS, type QuestionKind } from './qa-set.ts';

/** What to evaluate on one QA set, and how. */
export interface SetOptions {
  /** A QA set folder: `docs/` and `questions.jsonl`, as qa-dev. */
  qaDir: string;
  /** The embedder Docent is composed with. */
  embedder: 'use-lite' | 'hashing';
  /** Also run BM25 only, vectors only and the LangChain-style baseline (default true). */
  baselines?: boolean;
  /** Run the tuning grid on this set's session and keep its outcomes (for `--cv` or `--cross`). */
  grid?: boolean;
  /** Also cross-validate the ask-time knobs over this set's question halves (implies `grid`). */
  crossValidate?: boolean;
  /** The knobs of the grid (default `CV_KNOBS`). */
  knobs?: readonly Knob[];
  /** Server settings the session is composed with, as environment variables (e.g. `DOCENT_EMBED_DENSE_TOKENS`). */
  settings?: Readonly<Record<string, string>>;
  /** Progress lines while it runs (ingest, baseline embedding, grid points). */
  onProgress?: (message: string) => void;
}

/** Spans found in Docent's own normalised text of their document. */
export interface SpanCoverage {
  found: number;
  total: number;
  share: number | null;
  missing: Array<{ id: string; doc: string }>;
}

/** Question counts per kind, and in all. */
export type QuestionCounts = Record<QuestionKind | 'total', number>;

/** Everything measured on one QA set. */
export interface SetReport {
  /** The set's folder name, e.g. `qa-dev`. */
  name: string;
  qaDir: string;
  questions: QuestionCounts;
  ingest: IngestStats & { spanCoverage: SpanCoverage };
  pipelines: PipelineReport[];
  perQuestion: Array<{ id: string; kind: QuestionKind; results: Record<string, QuestionResult> }>;
  crossValidation?: CrossValidationReport;
  /** Peak RSS of the process so far, this set's baselines and grid included. */
  peakRssBytes: number;
  elapsedMs: number;
}

/** One set's report, and its grid outcomes when the grid ran (kept in memory for `--cross`). */
export interface SetEvaluation {
  report: SetReport;
  grid?: GridRun;
}

/** Counts questions per kind and in all. */
export const countQuestions = (questions: readonly { kind: QuestionKind }[]): QuestionCounts => {
  const counts = Object.fromEntries(
    QUESTION_KINDS.map((kind) => [kind, questions.filter((q) => q.kind === kind).length]),
  ) as Record<QuestionKind, number>;
  return { ...counts, total: questions.length };
};

const spanCoverage = (session: EvalSession, questions: readonly QaQuestion[]): SpanCoverage => {
  const texts = new Map(session.documents.map((d) => [d.name, qaNormalise(d.text)]));
  const spans = questions.flatMap((q) => q.spans.map((s) => ({ id: q.id, ...s })));
  const missing = spans.filter((s) => !(texts.get(s.doc) ?? '').includes(qaNormalise(s.text)));
  const found = spans.length - missing.length;
  return {
    found,
    total: spans.length,
    share: spans.length === 0 ? null : found / spans.length,
    missing: missing.map(({ id, doc }) => ({ id, doc })),
  };
};

/**
 * Evaluates one QA set: ingests its documents into a fresh local Docent, asks every question
 * through `POST /query/ask`, optionally runs the comparison pipelines on the same documents and
 * the tuning grid, and closes the session (so the next set starts from free memory).
 */
export const evaluateSet = async (options: SetOptions): Promise<SetEvaluation> => {
  const started = performance.now();
  const progress = options.onProgress;
  const qa = await loadQaSet(options.qaDir);
  const session = await openEvalSession(qa, {
    embedder: options.embedder,
    ...(options.settings === undefined ? {} : { env: { ...options.settings } }),
    ...(progress ? { onProgress: progress } : {}),
  });
  try {
    const gold = locateGoldSpans(session.documents, qa.questions);
    const queryEmbedder = new CachingQueryEmbedder(session.resolver.get(TOKENS.Embedder));
    const pipelines: Pipeline[] = [docentPipeline(session)];
    if (options.baselines ?? true) {
      const langchain = await buildLangChainPipeline(session.documents, queryEmbedder, progress);
      pipelines.push(bm25Pipeline(session), vectorPipeline(session, queryEmbedder), langchain);
    }
    const perQuestion = qa.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      results: {} as Record<string, QuestionResult>,
    }));
    const reports: PipelineReport[] = [];
    for (const pipeline of pipelines) {
      progress?.(`asking ${qa.questions.length} questions: ${pipeline.label}`);
      const results = await runPipeline(pipeline, qa.questions, gold);
      reports.push(summarisePipeline(pipeline, results));
      results.forEach(({ result }, i) => {
        const entry = perQuestion[i];
        if (entry !== undefined) entry.results[pipeline.key] = result;
      });
    }
    const grid =
      options.grid || options.crossValidate
        ? await runGrid(session, qa.questions, gold, queryEmbedder, options.knobs ?? CV_KNOBS, progress)
        : undefined;
    const report: SetReport = {
      name: path.basename(qa.dir),
      qaDir: qa.dir,
      questions: countQuestions(qa.questions),
      ingest: { ...session.ingest, spanCoverage: spanCoverage(session, qa.questions) },
      pipelines: reports,
      perQuestion,
      ...(grid && options.crossValidate ? { crossValidation: crossValidateHalves(grid, qa.questions) } : {}),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      elapsedMs: performance.now() - started,
    };
    return { report, ...(grid === undefined ? {} : { grid }) };
  } finally {
    await session.close();
  }
};
