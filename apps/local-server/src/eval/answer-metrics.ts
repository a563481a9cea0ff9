import type { GoldSpan } from './gold-spans.ts';
import { type HitMode, percentile, type QuestionOutcome, share } from './metrics.ts';
import { qaNormalise } from './qa-normal-form.ts';
import type { AnswerSpan, QuestionKind } from './qa-set.ts';

/** A citation as the answer metrics see it: a range of Docent's text of a document, and its slice. */
export interface AnswerCitation {
  documentName: string;
  charStart: number;
  charEnd: number;
  quote: string;
}

/** A service's final response to one question. */
export interface CitedAnswer {
  text: string;
  abstained: boolean;
  citations: readonly AnswerCitation[];
}

/** How one answer did: what the answer-level metrics aggregate. */
export interface AnswerJudgement {
  /** Lenient: every span is in the answer or its quotes. Strict: and each is cited from its document. */
  hit: Record<HitMode, boolean>;
  /** Length of the answer's text in characters. */
  chars: number;
  /** Per citation, in order: whether its range overlaps a gold span of the question. */
  citationsOnSpan: boolean[];
}

/** The question kinds that have an answer to hit. */
export const ANSWERABLE_KINDS = ['lookup', 'paraphrase', 'multi'] as const satisfies readonly QuestionKind[];

type AnswerableKind = (typeof ANSWERABLE_KINDS)[number];

const isAnswerable = (kind: QuestionKind): kind is AnswerableKind =>
  (ANSWERABLE_KINDS as readonly QuestionKind[]).includes(kind);

/**
 * Whether the answer holds every span (lenient) and, besides, cites each span's document
 * (strict). The text searched is the answer joined with its citations' quotes by single spaces,
 * normalised, so a span running across two adjacent quoted sentences still counts. An abstention,
 * or a question without spans (unanswerable), never hits.
 */
export const answerHit = (answer: CitedAnswer, spans: readonly AnswerSpan[]): Record<HitMode, boolean> => {
  if (answer.abstained || spans.length === 0) return { lenient: false, strict: false };
  const haystack = qaNormalise([answer.text, ...answer.citations.map((c) => c.quote)].join(' '));
  const lenient = spans.every((span) => haystack.includes(qaNormalise(span.text)));
  const strict = lenient && spans.every((span) => answer.citations.some((c) => c.documentName === span.doc));
  return { lenient, strict };
};

/** Whether the citation's range meets one of the located spans' ranges in the same document. */
const overlapsSpan = (citation: AnswerCitation, spans: readonly GoldSpan[]): boolean =>
  spans.some(
    ({ doc, range }) =>
      range !== null &&
      citation.documentName === doc &&
      citation.charStart < range.end &&
      range.start < citation.charEnd,
  );

/** Judges one answer against the question's spans, located in Docent's text (see `locateGoldSpans`). */
export const judgeAnswer = (answer: CitedAnswer, spans: readonly GoldSpan[]): AnswerJudgement => ({
  hit: answerHit(answer, spans),
  chars: answer.text.length,
  citationsOnSpan: answer.citations.map((c) => overlapsSpan(c, spans)),
});

/** Answer hits among some questions: counts and shares (null when there are no questions). */
export interface HitCounts {
  questions: number;
  strict: number;
  lenient: number;
  strictShare: number | null;
  lenientShare: number | null;
}

/** The answer-level figures of a pipeline that answers. */
export interface AnswerMetrics {
  /** Answer hit over the answerable (lookup, paraphrase, multi) questions. */
  hit: HitCounts;
  byKind: Record<AnswerableKind, HitCounts>;
  /** Questions of any kind answered rather than abstained on. */
  answered: number;
  /** Median (nearest rank) length in characters of those answers; null when none. */
  medianAnswerChars: number | null;
  /** Citations of the answered answerable questions, and those overlapping a gold span. */
  citations: number;
  citationsOnSpan: number;
  /** citationsOnSpan / citations. */
  citationPrecision: number | null;
}

type Judged = { kind: QuestionKind; abstained: boolean; answer: AnswerJudgement };

const hitCounts = (judged: readonly Judged[]): HitCounts => {
  const strict = judged.filter((j) => j.answer.hit.strict).length;
  const lenient = judged.filter((j) => j.answer.hit.lenient).length;
  return {
    questions: judged.length,
    strict,
    lenient,
    strictShare: share(strict, judged.length),
    lenientShare: share(lenient, judged.length),
  };
};

/**
 * Answer hit (overall and per kind), median answer length and citation precision over the
 * outcomes that carry an answer judgement; pooled figures come from concatenated outcomes.
 */
export const answerMetrics = (outcomes: readonly QuestionOutcome[]): AnswerMetrics => {
  const judged = outcomes.flatMap((o): Judged[] =>
    o.answer === undefined ? [] : [{ kind: o.kind, abstained: o.abstained === true, answer: o.answer }],
  );
  const answerable = judged.filter((j) => isAnswerable(j.kind));
  const answered = judged.filter((j) => !j.abstained);
  const cited = answerable.filter((j) => !j.abstained).flatMap((j) => j.answer.citationsOnSpan);
  const onSpan = cited.filter(Boolean).length;
  return {
    hit: hitCounts(answerable),
    byKind: Object.fromEntries(
      ANSWERABLE_KINDS.map((kind) => [kind, hitCounts(answerable.filter((j) => j.kind === kind))]),
    ) as Record<AnswerableKind, HitCounts>,
    answered: answered.length,
    medianAnswerChars: percentile(
      answered.map((j) => j.answer.chars),
      50,
    ),
    citations: cited.length,
    citationsOnSpan: onSpan,
    citationPrecision: share(onSpan, cited.length),
  };
};
