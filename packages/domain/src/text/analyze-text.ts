import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stop-words.ts';

// A compound is word characters joined by `-`, `_`, `.`, `/` or `:` (`--max-time`,
// `XML_ParserCreate`, `url.parse`): it is kept whole and also split into its parts, so both
// the exact identifier and its words can match.
const COMPOUND = /[\p{L}\p{N}]+(?:[-_.:/][\p{L}\p{N}]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;

const normaliseTerm = (term: string): string | null => {
  if (STOP_WORDS.has(term)) return null;
  return /^[a-z]+$/.test(term) ? stemmer(term) : term;
};

/**
 * Turns text into index terms: NFKC, lower case, compounds kept whole plus their parts, stop words
 * dropped, alphabetic words Porter-stemmed. Every lexical index uses it for documents and queries
 * alike, so both sides always agree.
 */
export const analyzeText = (text: string): string[] => {
  const terms: string[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  for (const [compound] of lower.matchAll(COMPOUND)) {
    const parts = compound.match(PART) ?? [];
    if (parts.length > 1) terms.push(compound);
    for (const part of parts) {
      const term = normaliseTerm(part);
      if (term !== null) terms.push(term);
    }
  }
  return terms;
};
