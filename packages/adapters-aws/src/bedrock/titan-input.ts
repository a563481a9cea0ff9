import { field } from './bedrock-payload.ts';

/** Titan Text Embeddings v2 takes at most 50,000 characters per input (and at most 8,192 tokens). */
export const TITAN_MAX_INPUT_CHARACTERS = 50_000;

// A cut this close to the limit moves back to the last whitespace, so no half word is embedded; a cut
// further back would drop too much of a long unbroken run (CJK text, base64, minified code).
const WORD_BOUNDARY_SHARE = 0.1;

// A second cut keeps a little less than Titan's counts say fit, as tokens are not spread evenly over the text.
const TOKEN_SAFETY_MARGIN = 0.95;

// When Titan does not say how far over the limit the text was, each cut keeps this share.
const BLIND_KEEP_SHARE = 0.8;

const TOO_MANY_TOKENS = /too many input tokens/i;
const TOKEN_COUNTS = /max input tokens:\s*(\d+)[\s\S]*?input token count:\s*(\d+)/i;

/**
 * `text` cut to at most `maxChars` UTF-16 units: never inside a surrogate pair and, when there is whitespace
 * in the last tenth, at the last whitespace. Texts within the limit come back unchanged.
 */
export const truncateText = (text: string, maxChars: number): string => {
  if (text.length <= maxChars) return text;
  const end = isHighSurrogate(text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  const cut = text.slice(0, end);
  const floor = Math.floor(end * (1 - WORD_BOUNDARY_SHARE));
  for (let i = end - 1; i >= floor; i--) {
    if (/\s/.test(cut.charAt(i))) {
      const atWord = cut.slice(0, i).trimEnd();
      return atWord === '' ? cut : atWord;
    }
  }
  return cut;
};

/**
 * What is sent for `text`: at most {@link TITAN_MAX_INPUT_CHARACTERS}, and a single space for an empty text,
 * which Titan rejects (`inputText` has a minimum length of 1) although the Embedder port accepts it.
 */
export const titanInputText = (text: string): string =>
  text === '' ? ' ' : truncateText(text, TITAN_MAX_INPUT_CHARACTERS);

/**
 * The share of `inputText` to keep after Titan refused it for its token count, or `undefined` when `error` is
 * not that refusal. Titan says `Too many input tokens. Max input tokens: 8192, request input token count: 9875`
 * (a ValidationException): the share is the ratio of the two counts with a margin, at most 0.9 so every cut
 * makes progress, and 0.8 when the counts are missing.
 */
export const tokenOverflowKeepShare = (error: unknown): number | undefined => {
  const message = field(error, 'message');
  if (typeof message !== 'string' || !TOO_MANY_TOKENS.test(message)) return undefined;
  const counts = TOKEN_COUNTS.exec(message);
  const [maxTokens, inputTokens] = [Number(counts?.[1]), Number(counts?.[2])];
  if (!(maxTokens > 0 && inputTokens > 0)) return BLIND_KEEP_SHARE;
  return Math.min(0.9, (TOKEN_SAFETY_MARGIN * maxTokens) / inputTokens);
};

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
