import { type AnswerCitation, judgeAnswer } from './answer-metrics.ts';
import type { GoldSpan } from './gold-spans.ts';
import type { HitMode, QuestionOutcome } from './metrics.ts';
import type { QaQuestion, QuestionKind } from './qa-set.ts';
import { type RetrievedPassage, type SpanRanks, spanRanks } from './span-ranks.ts';

/** What a pipeline returned for one question. */
export interface PipelineResult {
  /** Best first; at least the top 10 when there are that many. */
  passages: RetrievedPassage[];
  /** Only pipelines that answer (Docent) say whether they abstained, and cite. */
  abstained?: boolean;
  answer?: string;
  citations?: AnswerCitation[];
  /** Wall-clock time of the whole call, as a client sees it. */
  wallMs?: number;
  /** The service's own `timings.totalMs`. */
  serverMs?: number;
}

/** Something the harness asks questions: Docent itself or a comparison pipeline. */
export interface Pipeline {
  /** Stable key in the JSON report. */
  key: string;
  /** Row name in the printed table. */
  label: string;
  /** For a pipeline that chunks the documents itself: the size of its index. */
  index?: { chunks: number; meanChunkChars: number };
  ask(question: QaQuestion): Promise<PipelineResult>;
}

/**
 * One pipeline's result on one question as the JSON report keeps it, so that runs can be diffed;
 * every metric is computed from these (see `outcomeOf`), per set and pooled over sets alike.
 */
export interface QuestionResult {
  spans: SpanRanks[];
  /** Names of the documents of the first three passages. */
  topDocuments: string[];
  abstained?: boolean;
  answer?: string;
  /** For a pipeline that answers (an unanswerable question never hits; see `answerHit`). */
  answerHit?: Record<HitMode, boolean>;
  /** The answer's citations, each marked whether it overlaps a gold span of the question. */
  citations?: Array<AnswerCitation & { onSpan: boolean }>;
  wallMs?: number;
  serverMs?: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Scores one result: span ranks of its passages and, when it answers, the answer judgement. */
export const questionResult = (
  question: QaQuestion,
  result: PipelineResult,
  gold: readonly GoldSpan[],
): QuestionResult => {
  const { answer, abstained, citations = [] } = result;
  const judged =
    answer === undefined || abstained === undefined
      ? undefined
      : judgeAnswer({ text: answer, abstained, citations }, gold);
  return {
    spans: spanRanks(result.passages, question.spans),
    topDocuments: result.passages.slice(0, 3).map((p) => p.documentName),
    ...(abstained === undefined ? {} : { abstained }),
    ...(answer === undefined ? {} : { answer }),
    ...(judged === undefined
      ? {}
      : {
          answerHit: judged.hit,
          citations: citations.map(({ documentName, charStart, charEnd, quote }, i) => ({
            documentName,
            charStart,
            charEnd,
            quote,
            onSpan: judged.citationsOnSpan[i] === true,
          })),
        }),
    ...(result.wallMs === undefined ? {} : { wallMs: round(result.wallMs) }),
    ...(result.serverMs === undefined ? {} : { serverMs: result.serverMs }),
  };
};

/** The metrics' view of a kept result. */
export const outcomeOf = (kind: QuestionKind, result: QuestionResult): QuestionOutcome => ({
  kind,
  spans: result.spans,
  ...(result.abstained === undefined ? {} : { abstained: result.abstained }),
  ...(result.answerHit === undefined
    ? {}
    : {
        answer: {
          hit: result.answerHit,
          chars: result.answer?.length ?? 0,
          citationsOnSpan: (result.citations ?? []).map((c) => c.onSpan),
        },
      }),
});

/** The metrics' view of one answer: where each span was hit, the abstention flag and the answer's judgement. */
export const toOutcome = (question: QaQuestion, result: PipelineResult, gold: readonly GoldSpan[]): QuestionOutcome =>
  outcomeOf(question.kind, questionResult(question, result, gold));
