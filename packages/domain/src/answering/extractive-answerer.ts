import { questionTerms } from '../retrieval/term-rarity.ts';
import { type AnswerSpan, answerSpans, type QuestionShape, type ReadPassage, readPassage } from './answer-spans.ts';
import { answerTypeOf, isStrictType, unitAsked } from './answer-type.ts';
import {
  type AnswerDraft,
  type Answerer,
  type AnswerOptions,
  type AnswerRequest,
  type DraftCitation,
  type EvidencePassage,
  NOT_FOUND_TEXT,
} from './answerer.ts';
import { passageWeights } from './passage-weights.ts';
import { withContext, withFollowing, withNeighbours } from './span-context.ts';

/** Weights and limits of the extractive reader. Shares are of the question's weighted terms. */
export interface ExtractiveAnswererOptions {
  /** Passages read, best first (default 3): reading fewer, better-ranked passages beats reading more. */
  readDepth?: number;
  /** Most adjacent sentences in one answer span (default 3). */
  maxSentences?: number;
  /** Longest answer span in characters, unless one sentence is longer (default 500). */
  maxSpanChars?: number;
  /** A shorter answer span takes neighbouring sentences until it is this long (default 200). */
  minSpanChars?: number;
  /** Longer sentences are cut at word boundaries into pieces this long (default 400). */
  maxSentenceChars?: number;
  /**
   * Bonus for a span that holds something of the question's answer type (default 0.3). For the
   * strict types (a number, a duration, a date, a person) a span without one is no evidence at all.
   */
  typeWeight?: number;
  /** Bonus for the question's adjacent term pairs found in the span (default 0.15). */
  phraseWeight?: number;
  /** Bonus of the top passage's spans; the passage at rank r gets `rankWeight / r` (default 0.3). */
  rankWeight?: number;
  /** Cost per `maxSpanChars` characters of span, so a shorter span wins a close call (default 0.3). */
  lengthCost?: number;
  /**
   * A span holding less than this share of the question is no evidence (default 0.05); a question
   * part with no span left stays unanswered, and with no part answered the answer abstains.
   */
  minCoverage?: number;
  /** The text of an abstention (default "Not found in your documents."). */
  abstainText?: string;
}

const DEFAULTS: Required<ExtractiveAnswererOptions> = {
  readDepth: 3,
  maxSentences: 3,
  maxSpanChars: 500,
  minSpanChars: 200,
  maxSentenceChars: 400,
  typeWeight: 0.3,
  phraseWeight: 0.15,
  rankWeight: 0.3,
  lengthCost: 0.3,
  minCoverage: 0.05,
  abstainText: NOT_FOUND_TEXT,
};

/**
 * Answers by quoting: for each part of the question, the best run of adjacent sentences of the
 * best passages (the one that holds the question's terms and something of the kind of thing it
 * asks for, in a well-ranked passage, and short), cited with exact offsets. It abstains when the
 * chosen evidence holds too little of the question. Pure and deterministic: no model, no I/O.
 */
export class ExtractiveAnswerer implements Answerer {
  /** Always `extractive`. */
  readonly id = 'extractive';
  readonly #options: Required<ExtractiveAnswererOptions>;

  constructor(options: ExtractiveAnswererOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Quotes the best span per question part, or abstains; `onText` gets the whole text at once. */
  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    const draft = this.#quote(request);
    options.onText?.(draft.text);
    return draft;
  }

  #quote(request: AnswerRequest): AnswerDraft {
    const o = this.#options;
    const parts = request.parts !== undefined && request.parts.length > 1 ? request.parts : [request.question];
    const cache = new Map<number, ReadPassage>();
    const readAt = (i: number): ReadPassage => {
      let read = cache.get(i);
      if (read === undefined) {
        read = readPassage(request.passages[i] as EvidencePassage, o.maxSentenceChars);
        cache.set(i, read);
      }
      return read;
    };
    const chosen: Array<{ span: AnswerSpan; passage: EvidencePassage }> = [];
    for (const [k, part] of parts.entries()) {
      // Each part reads the best passages its own ranking brought (all passages for one part).
      const own = request.passages
        .map((passage, i) => ({ passage, i }))
        .filter(({ passage }) => parts.length === 1 || passage.part === undefined || passage.part === k)
        .slice(0, o.readDepth);
      const read = own.map(({ i }) => readAt(i));
      const terms = questionTerms(part);
      const shape: QuestionShape = {
        terms,
        weights: passageWeights(terms, read),
        type: answerTypeOf(part),
        unit: unitAsked(part),
      };
      const best = this.#best(shape, read);
      // A part without evidence stays unanswered; the answer abstains only when no part has any.
      if (best === undefined) continue;
      const passage = own[best.passage]?.passage as EvidencePassage;
      const passageRead = read[best.passage] as ReadPassage;
      const widened = withNeighbours(withContext(best, passageRead, o.maxSpanChars), passageRead, shape.weights, {
        minChars: o.minSpanChars,
        maxChars: o.maxSpanChars,
      });
      const span = withFollowing(widened, passageRead, o.maxSpanChars);
      // Two parts answered by overlapping sentences share one quote.
      const same = chosen.find((c) => c.passage === passage && c.span.start < span.end && span.start < c.span.end);
      if (same === undefined) chosen.push({ span, passage });
      else if (span.end - span.start > same.span.end - same.span.start) same.span = span;
    }
    if (chosen.length === 0) return { text: o.abstainText, abstained: true, citations: [] };
    const citations: DraftCitation[] = chosen.flatMap(({ span, passage }) =>
      span.sentences.map((s) => ({ passageIndex: passage.index, start: s.start, end: s.end })),
    );
    const text = chosen.map(({ span, passage }) => passage.text.slice(span.start, span.end)).join(' ');
    return { text, abstained: false, citations };
  }

  /**
   * The best-scoring span, or none when the evidence is too weak: it holds less than
   * `minCoverage` of the question, the question asks for a number, duration, date or person and
   * no span that holds enough of the question has one, or it names the unit of its
   * answer ("in bytes") and no such span mentions that unit.
   */
  #best(shape: QuestionShape, read: ReadPassage[]): AnswerSpan | undefined {
    const o = this.#options;
    const strict = isStrictType(shape.type);
    const spans = answerSpans(shape, read, { maxSentences: o.maxSentences, maxChars: o.maxSpanChars }).filter(
      (span) => span.coverage >= o.minCoverage && (!strict || span.typed) && span.inUnit,
    );
    let best: AnswerSpan | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const span of spans) {
      const score =
        span.coverage +
        (span.typed ? o.typeWeight : 0) +
        o.phraseWeight * span.phrase +
        o.rankWeight / (span.passage + 1) -
        (o.lengthCost * (span.end - span.start)) / o.maxSpanChars;
      if (score > bestScore) {
        best = span;
        bestScore = score;
      }
    }
    return best;
  }
}
