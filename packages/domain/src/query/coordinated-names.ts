import { isNameLike, type QuestionToken, tokenizeQuestion } from './question-tokens.ts';

// More names than this in one list is an enumeration, not a question per name.
const MAX_NAMES = 4;

const isConjunct = (token: QuestionToken): boolean => isNameLike(token) || token.shape === 'option';

/**
 * "Do the Nettle and bzip2 source distributions use autoconf?" becomes one question per name, each
 * with the rest of the sentence. Only names are distributed: "read and write access" stays whole.
 */
export const splitCoordinatedNames = (clause: string): string[] => {
  const tokens = tokenizeQuestion(clause);
  for (let i = 1; i + 1 < tokens.length; i += 1) {
    const and = tokens[i];
    const left = tokens[i - 1];
    const right = tokens[i + 1];
    if (and?.key !== 'and' || and.breakBefore || right === undefined || right.breakBefore || !isConjunct(right))
      continue;
    // A capitalised first word counts as a name when its partner is one ("Nettle and bzip2 ...").
    if (left === undefined || !(isConjunct(left) || (left.capitalised && left.shape === 'word'))) continue;
    const both = tokens[i - 2]?.key === 'both' ? tokens[i - 2] : undefined;
    const before = clause.slice(0, both?.start ?? left.start);
    const after = clause.slice(right.end);
    const parts = [left, right].map((name) => `${before}${clause.slice(name.start, name.end)}${after}`);
    const split = parts.flatMap(splitCoordinatedNames);
    return split.length > MAX_NAMES ? [clause] : split;
  }
  return [clause];
};
