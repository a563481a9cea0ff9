import type { AnswerSpan, ReadPassage } from './answer-spans.ts';

// A sentence that leans on the one before it: a pronoun or demonstrative opening ("It outputs
// ...", "This means ..."), or a lower-case start (a line broken mid-sentence, as in PDFs).
const REFERS_BACK = /^(?:it|its|this|these|that|those|they|their|such|then|otherwise|however|also|thus|hence)\b/iu;
const CONTINUES = /^\p{Ll}/u;
// A line without closing punctuation that introduces what follows: a term of a definition list
// ("2", "SSLKEYLOGFILE <file name>", "XML_SetHashSalt(XML_Parser p, ...);").
const LABEL_MAX_CHARS = 80;
const ENDS_SENTENCE = /[.!?]["')\]]?$/u;
// Words then a number at the end of a line: a PDF running header or footer with its page number.
const RUNNING_HEADER = /\p{L}.*\s\d+$/u;

/**
 * Widens a chosen span by the sentence before it when the span cannot be read alone: its first
 * sentence refers back ("It ...", "This ...") or continues a broken line, or the line before is
 * the label it describes. At most one sentence is added, so answers stay short.
 */
export const withContext = (span: AnswerSpan, read: ReadPassage, maxChars: number): AnswerSpan => {
  const index = read.sentences.findIndex((s) => s.start === span.start);
  const first = read.sentences[index];
  const before = read.sentences[index - 1];
  if (first === undefined || before === undefined) return span;
  const isLabel =
    before.text.length <= LABEL_MAX_CHARS && !ENDS_SENTENCE.test(before.text) && !RUNNING_HEADER.test(before.text);
  if (!isLabel && !REFERS_BACK.test(first.text) && !CONTINUES.test(first.text)) return span;
  if (span.end - before.start > maxChars * 1.5) return span;
  return { ...span, start: before.start, sentences: [{ start: before.start, end: before.end }, ...span.sentences] };
};

// "For instance, ... works:" announces what follows; ending an answer there leaves it unsaid.
const INTRODUCES = /:["')\]]?$/u;

/**
 * Widens a span whose last sentence introduces what follows (it ends with a colon) by the
 * sentences after it, until one does not, within `maxChars` × 1.5 as for the context before.
 */
export const withFollowing = (span: AnswerSpan, read: ReadPassage, maxChars: number): AnswerSpan => {
  const last = read.sentences.findIndex((s) => s.end === span.end);
  const lastSentence = read.sentences[last];
  const after = read.sentences[last + 1];
  if (lastSentence === undefined || after === undefined || !INTRODUCES.test(lastSentence.text.trimEnd())) return span;
  if (after.end - span.start > maxChars * 1.5) return span;
  const wider = { ...span, end: after.end, sentences: [...span.sentences, { start: after.start, end: after.end }] };
  return withFollowing(wider, read, maxChars);
};

/**
 * Widens a span shorter than `minChars` by neighbouring sentences, one at a time, until it is that
 * long or the next would pass `maxChars`: each time the neighbour that holds more of the question
 * (`weights`), the next one on a tie. A sentence naming the question's subject is
 * often followed by the one that says the answer ("... backup suffix. The default suffix is ~."),
 * and an answer often opens with the sentence that names its subject.
 */
export const withNeighbours = (
  span: AnswerSpan,
  read: ReadPassage,
  weights: ReadonlyMap<string, number>,
  limits: { minChars: number; maxChars: number },
): AnswerSpan => {
  const wider = withNeighbour(span, read, weights, limits);
  return wider === span ? span : withNeighbours(wider, read, weights, limits);
};

const withNeighbour = (
  span: AnswerSpan,
  read: ReadPassage,
  weights: ReadonlyMap<string, number>,
  limits: { minChars: number; maxChars: number },
): AnswerSpan => {
  if (span.end - span.start >= limits.minChars) return span;
  const first = read.sentences.findIndex((s) => s.start === span.start);
  const last = read.sentences.findIndex((s) => s.end === span.end);
  const held = (sentence: { terms: string[] } | undefined): number =>
    sentence === undefined ? -1 : [...new Set(sentence.terms)].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0);
  const after = read.sentences[last + 1];
  const before = read.sentences[first - 1];
  const fitsAfter = after !== undefined && after.end - span.start <= limits.maxChars;
  const fitsBefore = before !== undefined && span.end - before.start <= limits.maxChars;
  if (fitsAfter && after !== undefined && (!fitsBefore || held(after) >= held(before))) {
    return { ...span, end: after.end, sentences: [...span.sentences, { start: after.start, end: after.end }] };
  }
  if (fitsBefore && before !== undefined) {
    return { ...span, start: before.start, sentences: [{ start: before.start, end: before.end }, ...span.sentences] };
  }
  return span;
};
