import type { AnswerJudgement } from './answer-metrics.ts';
import type { QuestionKind } from './qa-set.ts';
import type { SpanRanks } from './span-ranks.ts';

/** Lenient: the span is in the passage. Strict: and the passage comes from the span's document. */
export type HitMode = keyof SpanRanks;

/** The cut-offs k of every @k metric. */
export const CUTOFFS = [1, 3, 5, 10] as const;

export type Cutoff = (typeof CUTOFFS)[number];

/** A metric at every cut-off; null where the question group is empty. */
export type AtCutoffs = Record<Cutoff, number | null>;

/** What one question produced, as far as the metrics need it. */
export interface QuestionOutcome {
  kind: QuestionKind;
  /** One entry per answer span, in the question's order. */
  spans: SpanRanks[];
  /** Whether the service declined to answer; absent for retrieval-only pipelines. */
  abstained?: boolean;
  /** How the answer did; absent for retrieval-only pipelines. */
  answer?: AnswerJudgement;
}

/** Retrieval metrics of one hit mode, as the qa-dev README defines them. */
export interface RetrievalMetrics {
  /** recall@k over lookup + paraphrase questions. */
  recall: AtCutoffs;
  lookup: AtCutoffs;
  paraphrase: AtCutoffs;
  /** MRR@10 over lookup + paraphrase questions. */
  mrr10: number | null;
  /** Share of multi questions with every span found within k. */
  multiAll: AtCutoffs;
  /** Share of multi questions' spans found within k. */
  multiPassage: AtCutoffs;
}

/** Abstention figures; the rates are null when their question group is empty. */
export interface AbstentionMetrics {
  unanswerable: number;
  unanswerableAbstained: number;
  /** Abstentions on unanswerable questions / unanswerable questions. */
  unanswerableAccuracy: number | null;
  answerable: number;
  answerableAbstained: number;
  /** Abstentions on answerable (lookup, paraphrase, multi) questions / answerable questions. */
  falseAbstentionRate: number | null;
}

const foundWithin = (ranks: SpanRanks, mode: HitMode, k: number): boolean => {
  const rank = ranks[mode];
  return rank !== null && rank <= k;
};

/** hits / total, or null when there is nothing to count. */
export const share = (hits: number, total: number): number | null => (total === 0 ? null : hits / total);

/** Share of questions whose every span is found within k: recall@k for one span, all@k for two. */
export const allFoundAt = (outcomes: readonly QuestionOutcome[], k: number, mode: HitMode): number | null =>
  share(outcomes.filter((o) => o.spans.every((s) => foundWithin(s, mode, k))).length, outcomes.length);

/** Share of all the questions' spans found within k: the README's passage@k. */
export const passagesFoundAt = (outcomes: readonly QuestionOutcome[], k: number, mode: HitMode): number | null => {
  const spans = outcomes.flatMap((o) => o.spans);
  return share(spans.filter((s) => foundWithin(s, mode, k)).length, spans.length);
};

/**
 * Mean reciprocal rank within `depth`: a question scores 1/rank of the rank by which all its spans
 * were found (for one span, simply its first hit), 0 when that is beyond `depth`.
 */
export const meanReciprocalRank = (outcomes: readonly QuestionOutcome[], mode: HitMode, depth = 10): number | null => {
  if (outcomes.length === 0) return null;
  const reciprocal = (o: QuestionOutcome): number => {
    const ranks = o.spans.map((s) => s[mode]);
    if (ranks.length === 0 || ranks.some((r) => r === null || r > depth)) return 0;
    return 1 / Math.max(...(ranks as number[]));
  };
  return outcomes.reduce((sum, o) => sum + reciprocal(o), 0) / outcomes.length;
};

const atCutoffs = (metric: (k: number) => number | null): AtCutoffs => ({
  1: metric(1),
  3: metric(3),
  5: metric(5),
  10: metric(10),
});

const ofKinds = (outcomes: readonly QuestionOutcome[], ...kinds: QuestionKind[]) =>
  outcomes.filter((o) => kinds.includes(o.kind));

/** Every retrieval metric of the README in one hit mode. */
export const retrievalMetrics = (outcomes: readonly QuestionOutcome[], mode: HitMode): RetrievalMetrics => {
  const single = ofKinds(outcomes, 'lookup', 'paraphrase');
  const lookup = ofKinds(outcomes, 'lookup');
  const paraphrase = ofKinds(outcomes, 'paraphrase');
  const multi = ofKinds(outcomes, 'multi');
  return {
    recall: atCutoffs((k) => allFoundAt(single, k, mode)),
    lookup: atCutoffs((k) => allFoundAt(lookup, k, mode)),
    paraphrase: atCutoffs((k) => allFoundAt(paraphrase, k, mode)),
    mrr10: meanReciprocalRank(single, mode, 10),
    multiAll: atCutoffs((k) => allFoundAt(multi, k, mode)),
    multiPassage: atCutoffs((k) => passagesFoundAt(multi, k, mode)),
  };
};

/** Unanswerable accuracy and false-abstention rate; abstention is the outcome's `abstained` flag. */
export const abstentionMetrics = (outcomes: readonly QuestionOutcome[]): AbstentionMetrics => {
  const unanswerable = ofKinds(outcomes, 'unanswerable');
  const answerable = ofKinds(outcomes, 'lookup', 'paraphrase', 'multi');
  const unanswerableAbstained = unanswerable.filter((o) => o.abstained === true).length;
  const answerableAbstained = answerable.filter((o) => o.abstained === true).length;
  return {
    unanswerable: unanswerable.length,
    unanswerableAbstained,
    unanswerableAccuracy: share(unanswerableAbstained, unanswerable.length),
    answerable: answerable.length,
    answerableAbstained,
    falseAbstentionRate: share(answerableAbstained, answerable.length),
  };
};

/** Nearest-rank percentile (p in 0..100] of the values; null when there are none. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
};
