import { questionTerms } from '../retrieval/term-rarity.ts';
import { analyzeText } from '../text/analyze-text.ts';
import { splitSentences } from '../text/sentences.ts';
import { type AnswerType, holdsAnswerType, unitMention } from './answer-type.ts';
import type { EvidencePassage } from './answerer.ts';

/** A run of 1..n adjacent sentences of one passage: a candidate answer. */
export interface AnswerSpan {
  /** Position of the passage in the request (0-based). */
  passage: number;
  /** Offsets into the passage's text. */
  start: number;
  end: number;
  /** Sentence ranges inside the span, as offsets into the passage's text. */
  sentences: Array<{ start: number; end: number }>;
  /** Weighted share of the question's terms the span holds (heading and file name count), 0..1. */
  coverage: number;
  /** The question terms the span holds. */
  matched: ReadonlySet<string>;
  /** Whether a sentence of the span holds something of the question's answer type. */
  typed: boolean;
  /** Whether a sentence of the span mentions the unit the question asks for (true when it names none). */
  inUnit: boolean;
  /** Share of the question's adjacent term pairs found adjacent in the span, 0..1. */
  phrase: number;
}

// A short line without closing punctuation (a page number, a running header, a label) is not an
// answer on its own.
const MIN_SENTENCE_WORDS = 4;
const ENDS_SENTENCE = /[.!?:]["')\]]?$/u;
const isFragment = (text: string): boolean =>
  !ENDS_SENTENCE.test(text) && text.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length < MIN_SENTENCE_WORDS;

/** A passage cut into sentences, each with its index terms. */
export interface ReadPassage {
  /** Terms that frame every sentence: the file name's and the heading's. */
  frame: ReadonlySet<string>;
  sentences: Array<{ start: number; end: number; terms: string[]; text: string }>;
}

const pairsOf = (terms: readonly string[]): Set<string> => {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
};

/** Splits a passage into sentences (long ones cut at `maxSentenceChars`) with their terms. */
export const readPassage = (passage: EvidencePassage, maxSentenceChars: number): ReadPassage => ({
  frame: new Set(questionTerms(`${passage.documentName.replace(/\.[^.]*$/u, '')}\n${passage.heading ?? ''}`)),
  sentences: splitSentences(passage.text, maxSentenceChars).map((range) => {
    const text = passage.text.slice(range.start, range.end);
    return { ...range, text, terms: analyzeText(text) };
  }),
});

/** What the question asks, as spans are scored against it. */
export interface QuestionShape {
  terms: readonly string[];
  weights: ReadonlyMap<string, number>;
  type: AnswerType;
  /** The unit the question asks its answer in (`bytes` for "in bytes"), if any. */
  unit?: string;
}

/**
 * Every run of up to `maxSentences` adjacent sentences of every passage that starts and ends on a
 * whole sentence (not a page number, running header or label), with what it holds of the
 * question: weighted term coverage (the passage's heading and file name frame every sentence),
 * the answer type and the question's word pairs.
 */
export const answerSpans = (
  shape: QuestionShape,
  passages: readonly ReadPassage[],
  options: { maxSentences: number; maxChars: number },
): AnswerSpan[] => {
  const wanted = new Set(shape.terms);
  const questionPairs = pairsOf(shape.terms);
  const total = [...shape.weights.values()].reduce((a, b) => a + b, 0);
  const unit = shape.unit === undefined ? undefined : unitMention(shape.unit);
  const spans: AnswerSpan[] = [];
  passages.forEach((read, passage) => {
    const typedAt = read.sentences.map((s) => holdsAnswerType(shape.type, s.text));
    const unitAt = read.sentences.map((s) => unit === undefined || unit.test(s.text));
    for (let i = 0; i < read.sentences.length; i++) {
      const matched = new Set([...read.frame].filter((t) => wanted.has(t)));
      const pairs = new Set<string>();
      let typed = false;
      let inUnit = false;
      for (let j = i; j < Math.min(read.sentences.length, i + options.maxSentences); j++) {
        const sentence = read.sentences[j];
        const first = read.sentences[i];
        if (sentence === undefined || first === undefined) break;
        if (j > i && sentence.end - first.start > options.maxChars) break;
        for (const t of sentence.terms) if (wanted.has(t)) matched.add(t);
        for (const p of pairsOf(sentence.terms)) pairs.add(p);
        typed ||= typedAt[j] === true;
        inUnit ||= unitAt[j] === true;
        // A span starts and ends on a whole sentence: labels before it are added back by context.
        if (isFragment(first.text) || isFragment(sentence.text)) continue;
        let found = 0;
        for (const t of matched) found += shape.weights.get(t) ?? 0;
        spans.push({
          passage,
          start: first.start,
          end: sentence.end,
          sentences: read.sentences.slice(i, j + 1).map(({ start, end }) => ({ start, end })),
          coverage: total === 0 ? 0 : found / total,
          matched: new Set(matched),
          typed,
          inUnit,
          phrase:
            questionPairs.size === 0 ? 0 : [...questionPairs].filter((p) => pairs.has(p)).length / questionPairs.size,
        });
      }
    }
  });
  return spans;
};
