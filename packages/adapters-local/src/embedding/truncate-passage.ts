/**
 * Default character budget per text: about 400 USE-Lite tokens (English averages ~4.7 characters a token).
 * The model itself has no length limit, but its SentencePiece tokenizer is quadratic in the input
 * (6,400 characters take ~280 ms, 25,600 take ~1.3 s) and a sentence encoder's meaning dilutes over
 * long inputs anyway, so the chunker's passages should stay well below this.
 */
export const DEFAULT_MAX_CHARS = 2000;

/** A cut earlier than this fraction of the budget would drop too much text just to end on a word. */
const MIN_WORD_CUT_FRACTION = 0.8;

/**
 * The prefix of `text` that the embedder actually encodes: the whole text when it has at most
 * `maxChars` UTF-16 code units, otherwise the first `maxChars` cut back to the last whitespace (when
 * that keeps at least 80 % of the budget) and never inside a surrogate pair.
 */
export const truncatePassage = (text: string, maxChars: number): string => {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  // A high surrogate as the last kept unit would leave half a character behind.
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  if (!isWhitespace(text.charCodeAt(end))) {
    const lastSpace = lastWhitespaceBefore(text, end);
    if (lastSpace >= maxChars * MIN_WORD_CUT_FRACTION) end = lastSpace;
  }
  return text.slice(0, end);
};

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const isWhitespace = (code: number): boolean => /\s/.test(String.fromCharCode(code));

const lastWhitespaceBefore = (text: string, end: number): number => {
  for (let i = end - 1; i >= 0; i -= 1) {
    if (isWhitespace(text.charCodeAt(i))) return i;
  }
  return -1;
};
