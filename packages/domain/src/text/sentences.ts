/** A half-open range `[start, end)` of a string. */
export interface TextRange {
  start: number;
  end: number;
}

const CLOSERS = new Set([')', ']', '"', "'", '\u2019', '\u201d', '\u00bb']);
const TERMINATORS = new Set(['.', '!', '?']);
// Initials and abbreviations such as "e.g." or "cf." end with a period but rarely end a sentence.
const ABBREVIATION = /^\(?(?:(?:\p{L}\.){1,3}|vs\.|cf\.|approx\.)$/iu;

/** True for the whitespace of normalised text (and of any other text, so raw input never breaks). */
export const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/u.test(char);

/**
 * True when a sentence ends just before `end` (exclusive): the last characters are `.`, `!` or `?`,
 * optionally followed by closing quotes or brackets, and the word is not an abbreviation.
 */
export const endsSentence = (text: string, end: number): boolean => {
  let i = end - 1;
  while (i >= 0 && CLOSERS.has(text[i] ?? '')) i--;
  if (!TERMINATORS.has(text[i] ?? '')) return false;
  if (text[i] !== '.') return true;
  let wordStart = i;
  while (wordStart > 0 && i - wordStart < 12 && !isSpace(text[wordStart - 1])) wordStart--;
  return !ABBREVIATION.test(text.slice(wordStart, i + 1));
};

/**
 * Splits text into sentences with exact offsets: at newlines (block boundaries) and after
 * sentence-ending punctuation followed by whitespace. Ranges exclude surrounding whitespace, so
 * `text.slice(start, end)` is the sentence. A sentence longer than `maxChars` is cut at word
 * boundaries (or, without any, hard) into pieces of at most `maxChars`.
 */
export const splitSentences = (text: string, maxChars = Number.POSITIVE_INFINITY): TextRange[] => {
  const sentences: TextRange[] = [];
  let start = -1;
  const close = (at: number): void => {
    let end = at;
    while (end > start && isSpace(text[end - 1])) end--;
    if (start >= 0) pushBounded(text, { start, end }, maxChars, sentences);
    start = -1;
  };
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (char === undefined || isSpace(char)) {
      if (start >= 0 && (char === undefined || char === '\n' || endsSentence(text, i))) close(i);
    } else if (start < 0) {
      start = i;
    }
  }
  return sentences;
};

const pushBounded = (text: string, range: TextRange, maxChars: number, out: TextRange[]): void => {
  let { start } = range;
  while (range.end - start > maxChars) {
    let cut = start + maxChars;
    while (cut > start && !isSpace(text[cut])) cut--;
    if (cut === start) cut = start + maxChars;
    let end = cut;
    while (end > start && isSpace(text[end - 1])) end--;
    out.push({ start, end });
    start = cut;
    while (start < range.end && isSpace(text[start])) start++;
  }
  if (range.end > start) out.push({ start, end: range.end });
};
