import { splitCoordinatedNames } from './coordinated-names.ts';
import { AUXILIARIES, isNameLike, tokenizeQuestion } from './question-tokens.ts';

const WH = '(?:what|which|who|whom|whose|when|where|why|how)';
// "..., and for how many minutes ...": a preposition may lead the second question.
const PREPOSITION = '(?:for|in|at|on|to|from|by|with|under|after|before|since|until|during)';
const AUX = `(?:${[...AUXILIARIES].join('|')})`;
// A second question starts after "and"/"but"/";" with a question word, or after ", and" with an
// auxiliary verb ("..., and will --retry treat that as ..."). Without the comma an auxiliary
// usually continues a noun phrase ("files that exist and are read-only"), so it does not split.
const CLAUSE_BREAK = new RegExp(
  `(?:,?\\s+(?:and|but)\\s+(?=(?:also\\s+)?(?:${PREPOSITION}\\s+)?${WH}\\b)|,\\s+(?:and|but)\\s+(?=(?:also\\s+)?${AUX}\\s)|;\\s+(?=(?:${WH}|${AUX})\\b)|\\s+and\\s+(?=also\\s))`,
  'giu',
);
// A leading conditional or circumstantial clause is context every part needs.
const LEADING_CLAUSE =
  /^(?:if|when|whenever|once|after|before|while|since|although|though|because|given|assuming|for|in|under|with)\b[^,?]{3,}?,\s+/iu;
const COMPARE = /^(?:please\s+)?compare\s+(.+?)\s+(?:with|to|against|versus|vs\.?|and)\s+(.+?)\s*([.?!]?)$/iu;
const SENTENCE_END = /(?<=[.?!])\s+(?=["'\u201c(]?\p{Lu})/u;
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf)\.$/iu;
// A part needs a few words of its own to be a question ("... and why?" is not).
const MIN_PART_WORDS = 3;

const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const isQuestionSentence = (sentence: string): boolean =>
  sentence.endsWith('?') || new RegExp(`^(?:${WH}|${AUX}|compare|explain|describe|list|tell)\\b`, 'iu').test(sentence);

const sentencesOf = (text: string): string[] => {
  const sentences: string[] = [];
  for (const piece of text.split(SENTENCE_END)) {
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && ABBREVIATION.test(previous)) sentences[sentences.length - 1] = `${previous} ${piece}`;
    else sentences.push(piece);
  }
  return sentences;
};

const finish = (part: string, mark: string): string => {
  const trimmed = part.trim().replace(/[,;:\s]+$/u, '');
  return /[.?!]$/u.test(trimmed) || mark === '' ? trimmed : `${trimmed}${mark}`;
};

/**
 * The second side of a comparison with the first side's context: in "Compare the memory use of xz
 * with (that of) bzip2", the second part is "the memory use of bzip2".
 */
const comparedWith = (first: string, second: string): string => {
  const other = second.replace(/^(?:that|those)\s+(?:of|in|for)\s+/iu, '').replace(/[.?!]$/u, '');
  if (words(other) > 2) return second;
  const tokens = tokenizeQuestion(first);
  // The compared thing: the last name, else the last word when a single word replaces it.
  const name = tokens.findLast(isNameLike) ?? (words(other) === 1 ? tokens[tokens.length - 1] : undefined);
  return name === undefined ? second : `${first.slice(0, name.start)}${other}${first.slice(name.end)}`;
};

/** Splits one question sentence at clause boundaries; later parts inherit a leading clause. */
const splitClauses = (sentence: string): string[] => {
  const mark = /[?!.]$/u.exec(sentence)?.[0] ?? '';
  const compare = COMPARE.exec(sentence);
  if (compare?.[1] !== undefined && compare[2] !== undefined && words(compare[2]) > 0) {
    return [finish(`Compare ${compare[1]}`, mark), finish(comparedWith(compare[1], compare[2]), mark)];
  }
  const pieces = sentence.split(CLAUSE_BREAK);
  if (pieces.length < 2 || pieces.some((p) => words(p) < MIN_PART_WORDS)) return [sentence];
  const lead = LEADING_CLAUSE.exec(pieces[0] ?? '')?.[0] ?? '';
  return pieces.map((piece, i) => finish(i === 0 ? piece : `${lead}${piece}`, mark));
};

/**
 * Splits a question that asks several things into parts that can be retrieved for one by one:
 * several question sentences, clauses joined by "and what/how/...", ", and will/does ...",
 * "and also", "Compare A with B", and coordinated names ("Do Nettle and bzip2 use ...?" becomes one
 * part per name). Every part keeps the shared context: the statements before the questions, a
 * leading "If ...," clause, and the rest of the sentence around coordinated names. A single
 * question comes back unchanged as the only part; ordinary coordination ("read and write access")
 * is never split.
 */
export const splitQuestion = (question: string): string[] => {
  const text = question.trim();
  const sentences = sentencesOf(text);
  const lastQuestion = sentences.findLastIndex(isQuestionSentence);
  const parts: Array<{ context: string; clause: string }> = [];
  // Statements before a question are context for every part after them.
  let context = '';
  for (const sentence of sentences.slice(0, lastQuestion + 1)) {
    if (!isQuestionSentence(sentence)) context = `${context}${sentence} `;
    else for (const clause of splitClauses(sentence).flatMap(splitCoordinatedNames)) parts.push({ context, clause });
  }
  if (parts.length < 2 || parts.some(({ clause }) => words(clause) < MIN_PART_WORDS)) return [text];
  const trailing = sentences.slice(lastQuestion + 1).join(' ');
  return parts.map(({ context: before, clause }) => `${before}${clause}${trailing === '' ? '' : ` ${trailing}`}`);
};
