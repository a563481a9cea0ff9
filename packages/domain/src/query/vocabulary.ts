import { COMPOUND, isVersion, partsOf, squash, versionPrefixes } from './terms.ts';

/**
 * How often a document uses a term: a word, a code token (`XML_Parse`, `--max-time`,
 * `url.parse()`) or a phrase of several words. Case-insensitive and tolerant to punctuation
 * (`SHA-256` counts `SHA256`); a version counts its longer releases (`5.4` counts `5.4.1`). A
 * phrase does not run across a clause break (`Contributor Version; 2) ...` is no `version 2`).
 * 0 means absent.
 */
export type Vocabulary = (term: string) => number;

const CLAUSE_BREAK = /[;!?()[\]]|[.:](?:\s|$)/u;
const BREAK = '\u0000';

/** Builds the {@link Vocabulary} of a document text in one pass; keep it with the catalog entry. */
export const buildVocabulary = (text: string): Vocabulary => {
  const counts = new Map<string, number>();
  // Word parts in reading order, and where each occurs, to count phrases.
  const words: string[] = [];
  const positions = new Map<string, number[]>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const lower = text.toLowerCase();
  let end = 0;
  for (const match of lower.matchAll(COMPOUND)) {
    const [compound] = match;
    // A word no phrase can match stands for the break.
    if (CLAUSE_BREAK.test(lower.slice(end, match.index))) words.push(BREAK);
    end = match.index + compound.length;
    const key = squash(compound);
    add(key);
    if (key.startsWith('-')) add(key.replace(/^-+/, ''));
    if (isVersion(key)) for (const prefix of versionPrefixes(key)) add(prefix);
    const parts = partsOf(compound);
    for (const part of parts) {
      if (parts.length > 1) add(part);
      const at = positions.get(part);
      if (at === undefined) positions.set(part, [words.length]);
      else at.push(words.length);
      words.push(part);
    }
  }
  return (term) => {
    const compounds = term.match(COMPOUND) ?? [];
    const [only] = compounds;
    if (only === undefined) return 0;
    if (compounds.length === 1) return counts.get(squash(only)) ?? 0;
    const phrase = compounds.flatMap(partsOf);
    let found = 0;
    for (const start of positions.get(phrase[0] ?? '') ?? []) {
      if (phrase.every((word, offset) => words[start + offset] === word)) found += 1;
    }
    return found;
  };
};
