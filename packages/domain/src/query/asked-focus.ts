import { STOP_WORDS } from '../text/stop-words.ts';
import { KIND_NOUNS } from './document-keys.ts';
import { AUXILIARIES, isNameLike, type QuestionToken } from './question-tokens.ts';
import type { Vocabulary } from './vocabulary.ts';

const WH = new Set(['what', 'which']);
// "What extra document am I obliged to ...": `am` closes the focus too.
const CLOSERS = new Set([...AUXILIARIES, 'am']);
const MAX_FOCUS_WORDS = 3;
// A present or past tense verb right after one noun: "Which court handles ...", "Which tool created ...".
const FINITE_VERB = /^[a-z]+(?:[^su]s|ed)$/u;
// "Which one wins?" asks to choose between things the question has already named.
const PRONOUNS = new Set(['one', 'ones']);

/**
 * The noun that says what kind of thing a question wants: `fine` in "What fine does ...",
 * `suffix` in "What backup suffix does ...", `court` in "Which court handles ...". Only the forms
 * "what/which <words> <auxiliary>" and "what/which <noun> <verb>" at the start of a question
 * count, so a verb ("What happens when ...") or a relative clause ("code which ...") is never
 * taken for it; names and kind nouns are left to document targeting.
 */
export const focusWords = (tokens: readonly QuestionToken[]): QuestionToken[] => {
  const focus: QuestionToken[] = [];
  tokens.forEach((token, i) => {
    const opens =
      token.sentenceStart || (tokens[i - 1]?.sentenceStart === true && STOP_WORDS.has(tokens[i - 1]?.key ?? ''));
    if (token.shape !== 'word' || !WH.has(token.key) || !opens) return;
    for (let k = i + 1; k < tokens.length && k <= i + MAX_FOCUS_WORDS + 1; k += 1) {
      const next = tokens[k];
      if (next === undefined || next.breakBefore || next.shape !== 'word') return;
      const verb = k === i + 2 && !STOP_WORDS.has(next.key) && !isNameLike(next) && FINITE_VERB.test(next.text);
      if (CLOSERS.has(next.key) || verb) {
        const head = tokens[k - 1];
        if (
          k > i + 1 &&
          head !== undefined &&
          !isNameLike(head) &&
          !KIND_NOUNS.has(head.key) &&
          !PRONOUNS.has(head.key)
        ) {
          focus.push(head);
        }
        return;
      }
      if (STOP_WORDS.has(next.key)) return;
    }
  });
  return focus;
};

/** A word as a vocabulary may hold it: itself, or its singular or plural. */
const inflections = (word: string): string[] => {
  const forms = [word, `${word}s`, `${word}es`];
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  return forms;
};

/**
 * The focus words that none of the given vocabularies holds in any inflection: the question asks
 * for a kind of thing ("which court", "what fine") that the documents it names never mention.
 */
export const absentFocus = (tokens: readonly QuestionToken[], vocabularies: readonly Vocabulary[]): string[] => {
  if (vocabularies.length === 0) return [];
  return focusWords(tokens)
    .filter((token) => !vocabularies.some((vocabulary) => inflections(token.key).some((form) => vocabulary(form) > 0)))
    .map((token) => token.text);
};
