import { TOKENS } from '@docent/domain';
import { CachingQueryEmbedder } from './caching-query-embedder.ts';
import { type CrossValidationReport, runCrossValidation } from './cv-runner.ts';
import { docentPipeline } from './docent-pipeline.ts';
import { type EvalSession, type IngestStats, openEvalSession } from './eval-session.ts';
import { bm25Pipeline, vectorPipeline } from './index-pipelines.ts';
import { CV_KNOBS, type Knob } from './knob-grid.ts';
import { buildLangChainPipeline } from './langchain-pipeline.ts';
import {
  type AbstentionMetrics,
  abstentionMetrics,
  percentile,
  type QuestionOutcome,
  type RetrievalMetrics,
  retrievalMetrics,
} from './metrics.ts';
import { type Pipeline, type PipelineResult, toOutcome } from './pipeline.ts';
import { qaNormalise } from './qa-normal-form.ts';
import { loadQaSet, type QaQuestion, QUESTION_KINDS, type QuestionKind } from './qa-set.ts';
import type { SpanRanks } from './span-ranks.ts';

/** What to evaluate and how. */
export interface EvaluationOptions {
  /** A QA set folder: `docs/` and `questions.jsonl`, as qa-dev. */
  qaDir: string;
  /** The embedder Docent is composed with (default `use-lite`, the product default). */
  embedder?: 'use-lite' | 'hashing';
  /** Also run BM25 only, vectors only and the LangChain-style baseline (default true). */
  baselines?: boolean;
  /** Also cross-validate the ask-time knobs (default false). */
  crossValidate?: boolean;
  /** The knobs to cross-validate (default `CV_KNOBS`). */
  knobs?: readonly Knob[];
  /** Progress lines while it runs (ingest, baseline embedding, grid points). */
  onProgress?: (message: string) => void;
}

/** One pipeline's figures. */
export interface PipelineReport {
  key: string;
  label: string;
  strict: RetrievalMetrics;
  lenient: RetrievalMetrics;
  /** For Docent only: its answers carry an abstention flag. */
  abstention?: AbstentionMetrics;
  /** For Docent only, in milliseconds: wall clock around the HTTP call, and the server's totalMs. */
  latency?: { wallP50: number | null; wallP95: number | null; serverP50: number | null; serverP95: number | null };
  /** For the LangChain-style baseline: its own chunks. */
  index?: { chunks: number; meanChunkChars: number };
}

/** One pipeline's result on one question, kept so that runs can be diffed. */
export interface QuestionResult {
  spans: SpanRanks[];
  /** Names of the documents of the first three passages. */
  topDocuments: string[];
  abstained?: boolean;
  answer?: string;
  wallMs?: number;
  serverMs?: number;
}

/** Spans found in Docent's own normalised text of their document. */
export interface SpanCoverage {
  found: number;
  total: number;
  share: number | null;
  missing: Array<{ id: string; doc: string }>;
}

/** Everything one evaluation run measured. */
export interface EvaluationReport {
  createdAt: string;
  qaDir: string;
  embedder: 'use-lite' | 'hashing';
  node: string;
  questions: Record<QuestionKind | 'total', number>;
  ingest: IngestStats & { spanCoverage: SpanCoverage };
  pipelines: PipelineReport[];
  perQuestion: Array<{ id: string; kind: QuestionKind; results: Record<string, QuestionResult> }>;
  crossValidation?: CrossValidationReport;
  /** Peak RSS of the whole run, baselines and cross-validation included. */
  peakRssBytes: number;
  elapsedMs: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

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

const toQuestionResult = (result: PipelineResult, outcome: QuestionOutcome): QuestionResult => ({
  spans: outcome.spans,
  topDocuments: result.passages.slice(0, 3).map((p) => p.documentName),
  ...(result.abstained === undefined ? {} : { abstained: result.abstained }),
  ...(result.answer === undefined ? {} : { answer: result.answer }),
  ...(result.wallMs === undefined ? {} : { wallMs: round(result.wallMs) }),
  ...(result.serverMs === undefined ? {} : { serverMs: result.serverMs }),
});

/** Asks every question of one pipeline, in order; returns its figures and per-question results. */
const runPipeline = async (pipeline: Pipeline, questions: readonly QaQuestion[]) => {
  const results: PipelineResult[] = [];
  for (const q of questions) results.push(await pipeline.ask(q));
  const outcomes = questions.map((q, i) => toOutcome(q, results[i] as PipelineResult));
  const answers = results.some((r) => r.abstained !== undefined);
  const timed = (pick: (r: PipelineResult) => number | undefined) =>
    results.flatMap((r) => (pick(r) === undefined ? [] : [pick(r) as number]));
  const wall = timed((r) => r.wallMs);
  const server = timed((r) => r.serverMs);
  const report: PipelineReport = {
    key: pipeline.key,
    label: pipeline.label,
    strict: retrievalMetrics(outcomes, 'strict'),
    lenient: retrievalMetrics(outcomes, 'lenient'),
    ...(answers ? { abstention: abstentionMetrics(outcomes) } : {}),
    ...(pipeline.index === undefined ? {} : { index: pipeline.index }),
    ...(wall.length === 0
      ? {}
      : {
          latency: {
            wallP50: percentile(wall, 50),
            wallP95: percentile(wall, 95),
            serverP50: percentile(server, 50),
            serverP95: percentile(server, 95),
          },
        }),
  };
  return {
    report,
    perQuestion: questions.map((_, i) =>
      toQuestionResult(results[i] as PipelineResult, outcomes[i] as QuestionOutcome),
    ),
  };
};

/**
 * Runs the evaluation harness: ingests the QA set's documents into a fresh local Docent, asks
 * every question through `POST /query/ask`, optionally runs the comparison pipelines on the same
 * documents and cross-validates the ask-time knobs, and returns the report (nothing is printed or
 * written; see `eval-command.ts`).
 */
export const runEvaluation = async (options: EvaluationOptions): Promise<EvaluationReport> => {
  const started = performance.now();
  const embedderName = options.embedder ?? 'use-lite';
  const progress = options.onProgress;
  const qa = await loadQaSet(options.qaDir);
  const session = await openEvalSession(qa, { embedder: embedderName, ...(progress ? { onProgress: progress } : {}) });
  try {
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
      const { report, perQuestion: results } = await runPipeline(pipeline, qa.questions);
      reports.push(report);
      results.forEach((result, i) => {
        const entry = perQuestion[i];
        if (entry !== undefined) entry.results[pipeline.key] = result;
      });
    }
    const crossValidation = options.crossValidate
      ? await runCrossValidation(session, qa.questions, queryEmbedder, options.knobs ?? CV_KNOBS, progress)
      : undefined;
    const counts = Object.fromEntries(
      QUESTION_KINDS.map((kind) => [kind, qa.questions.filter((q) => q.kind === kind).length]),
    ) as Record<QuestionKind, number>;
    return {
      createdAt: new Date().toISOString(),
      qaDir: qa.dir,
      embedder: embedderName,
      node: process.version,
      questions: { ...counts, total: qa.questions.length },
      ingest: { ...session.ingest, spanCoverage: spanCoverage(session, qa.questions) },
      pipelines: reports,
      perQuestion,
      ...(crossValidation === undefined ? {} : { crossValidation }),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await session.close();
  }
};
