import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.ts';

// A compound is word characters joined by `-`, `_`, `.`, `/` or `:` (`--max-time`,
// `XML_ParserCreate`, `url.parse`): it is kept whole and also split into its parts, so both
// the exact identifier and its words can match.
const COMPOUND = /[\p{L}\p{N}]+(?:[-_.:/][\p{L}\p{N}]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;

/** Words whose index term is remembered; past this the memo starts again (a few MiB at most). */
const MEMO_WORDS = 50_000;
/** Longer words (identifiers, hashes) are rare and cheap to compare: not remembered. */
const MEMO_WORD_LENGTH = 24;
/**
 * Each word's index term (null for a stop word), as last computed: Porter stemming is half of this
 * function's cost, and text repeats its words (Zipf's law), so most words are looked up, not
 * stemmed again. This matters where whole chunks are analysed per search (the SQLite lexical index
 * rescoring its candidates) and when indexing.
 */
const terms = new Map<string, string | null>();

const normaliseTerm = (word: string): string | null => {
  const known = terms.get(word);
  if (known !== undefined) return known;
  const term = STOP_WORDS.has(word) ? null : /^[a-z]+$/.test(word) ? stemmer(word) : word;
  if (word.length <= MEMO_WORD_LENGTH) {
    if (terms.size >= MEMO_WORDS) terms.clear();
    terms.set(word, term);
  }
  return term;
};

/** A compound's joiners: a word without any is its own single part (the common case, no split needed). */
const JOINER = /[-_.:/]/;

/**
 * Calls `visit` with each index term of `text`, in order: what `analyzeText` returns, without
 * building the array (the SQLite lexical index counts a few terms in whole chunks per search).
 */
export const forEachTerm = (text: string, visit: (term: string) => void): void => {
  const lower = text.normalize('NFKC').toLowerCase();
  for (const [compound] of lower.matchAll(COMPOUND)) {
    if (!JOINER.test(compound)) {
      const term = normaliseTerm(compound);
      if (term !== null) visit(term);
      continue;
    }
    const parts = compound.match(PART) ?? [];
    if (parts.length > 1) visit(compound);
    for (const part of parts) {
      const term = normaliseTerm(part);
      if (term !== null) visit(term);
    }
  }
};

/**
 * Turns text into index terms: NFKC, lower case, compounds kept whole plus their parts, stop words
 * dropped, alphabetic words Porter-stemmed. Every lexical index uses it for documents and queries
 * alike, so both sides always agree.
 */
export const analyzeText = (text: string): string[] => {
  const terms: string[] = [];
  forEachTerm(text, (term) => {
    terms.push(term);
  });
  return terms;
};
