import type { QuestionOutcome } from './metrics.ts';
import type { QaQuestion } from './qa-set.ts';
import { type RetrievedPassage, spanRanks } from './span-ranks.ts';

/** What a pipeline returned for one question. */
export interface PipelineResult {
  /** Best first; at least the top 10 when there are that many. */
  passages: RetrievedPassage[];
  /** Only pipelines that answer (Docent) say whether they abstained. */
  abstained?: boolean;
  answer?: string;
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

/** The metrics' view of one answer: where each span was hit, and the abstention flag if any. */
export const toOutcome = (question: QaQuestion, result: PipelineResult): QuestionOutcome => ({
  kind: question.kind,
  spans: spanRanks(result.passages, question.spans),
  ...(result.abstained === undefined ? {} : { abstained: result.abstained }),
});
