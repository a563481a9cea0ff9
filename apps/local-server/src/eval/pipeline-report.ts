import { type AnswerMetrics, answerMetrics } from './answer-metrics.ts';
import type { GoldSpan } from './gold-spans.ts';
import {
  type AbstentionMetrics,
  abstentionMetrics,
  percentile,
  type RetrievalMetrics,
  retrievalMetrics,
} from './metrics.ts';
import { outcomeOf, type Pipeline, type QuestionResult, questionResult } from './pipeline.ts';
import type { QaQuestion, QuestionKind } from './qa-set.ts';

/** One pipeline's figures. */
export interface PipelineReport {
  key: string;
  label: string;
  strict: RetrievalMetrics;
  lenient: RetrievalMetrics;
  /** For Docent only: its answers carry an abstention flag. */
  abstention?: AbstentionMetrics;
  /** For Docent only: answer hit, answer length, citation precision. */
  answers?: AnswerMetrics;
  /** For Docent only, in milliseconds: wall clock around the HTTP call, and the server's totalMs. */
  latency?: { wallP50: number | null; wallP95: number | null; serverP50: number | null; serverP95: number | null };
  /** For the LangChain-style baseline: its own chunks. */
  index?: { chunks: number; meanChunkChars: number };
}

/** A kept result and the kind of its question. */
export interface KindedResult {
  kind: QuestionKind;
  result: QuestionResult;
}

/** Asks every question of one pipeline, in order; returns its per-question results. */
export const runPipeline = async (
  pipeline: Pipeline,
  questions: readonly QaQuestion[],
  gold: ReadonlyMap<string, GoldSpan[]>,
): Promise<KindedResult[]> => {
  const results: KindedResult[] = [];
  for (const q of questions) {
    results.push({ kind: q.kind, result: questionResult(q, await pipeline.ask(q), gold.get(q.id) ?? []) });
  }
  return results;
};

/**
 * A pipeline's figures from its kept per-question results: the same code for one set and for
 * several sets pooled (their results concatenated, so pooled shares are never averages of shares).
 */
export const summarisePipeline = (
  pipeline: Pick<Pipeline, 'key' | 'label' | 'index'>,
  results: readonly KindedResult[],
): PipelineReport => {
  const outcomes = results.map(({ kind, result }) => outcomeOf(kind, result));
  const answers = outcomes.some((o) => o.abstained !== undefined);
  const timed = (pick: (r: QuestionResult) => number | undefined) =>
    results.flatMap(({ result }) => {
      const value = pick(result);
      return value === undefined ? [] : [value];
    });
  const wall = timed((r) => r.wallMs);
  const server = timed((r) => r.serverMs);
  return {
    key: pipeline.key,
    label: pipeline.label,
    strict: retrievalMetrics(outcomes, 'strict'),
    lenient: retrievalMetrics(outcomes, 'lenient'),
    ...(answers ? { abstention: abstentionMetrics(outcomes) } : {}),
    ...(outcomes.some((o) => o.answer !== undefined) ? { answers: answerMetrics(outcomes) } : {}),
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
};
