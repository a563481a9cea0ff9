import { STOP_WORDS } from '../text/stop-words.ts';
import { looksEnglish } from './english-word.ts';
import { COMPOUND, isVersion, partsOf, squash } from './terms.ts';

/**
 * The shape of a question token. `code`: an identifier (`XML_Parse`, `url.parse()`, `xmlReadFile`,
 * `SHA256`, `--retry`); `option`: a short option (`-L`, `-9`); `version`: `2.0`, `v6`;
 * `number`: `443`, `900k`; `word`: everything else, hyphenated words included.
 */
export type TokenShape = 'word' | 'code' | 'option' | 'version' | 'number';

/** One compound of a question with what name detection needs to know about it. */
export interface QuestionToken {
  /** The compound as written, without a possessive `'s` or a trailing `()`. */
  text: string;
  /** {@link squash}ed form, compared with catalog keys and vocabularies. */
  key: string;
  parts: string[];
  shape: TokenShape;
  start: number;
  end: number;
  possessive: boolean;
  /** Followed by `()`: a function. */
  call: boolean;
  /** First word of a sentence, where capitalisation says nothing. */
  sentenceStart: boolean;
  /** Punctuation other than a quote or a space separates it from the previous token. */
  breakBefore: boolean;
  capitalised: boolean;
  /** All capitals, at least two letters (`GNU`, `URL`, `BY`). */
  acronym: boolean;
  /** Every alphabetic part could be an ordinary English word (see `looksEnglish`). */
  english: boolean;
}

/** Auxiliary verbs: after "what X", before a subject, or opening a second question. */
export const AUXILIARIES: ReadonlySet<string> = new Set(
  'is are was were do does did can could will would should shall may might must has have had'.split(' '),
);

const SIGIL = /(?:^|\s)[@$%]$/u;
const NAME_WITH_VERSION = /^(\p{Lu}{2,})(v\d+(?:\.\d+)*)$/u;
const APOSTROPHE = /^['\u2019]s?(?![\p{L}\p{N}])/u;
// A file-like dotted name (`Node.js`, `foo.tar.gz`) is a name, not an API member.
const FILE_LIKE = /^[\p{L}\p{N}-]+(?:\.[a-z]{1,4})+$/u;

const shapeOf = (text: string, call: boolean): TokenShape => {
  if (/^--?\p{N}/u.test(text) || /^-\p{L}[\p{L}\p{N}]?$/u.test(text)) return 'option';
  if (text.startsWith('--') || call) return 'code';
  if (isVersion(text) || /^v\d+$/i.test(text)) return 'version';
  if (/^\p{N}/u.test(text)) return 'number';
  if (text.includes('_') || /\p{Ll}\p{Lu}/u.test(text.slice(1))) return 'code';
  if (/[.:]/.test(text) && !FILE_LIKE.test(text) && partsOf(text).some((p) => p.length > 1)) return 'code';
  if (/^\p{L}[\p{L}\p{N}]*$/u.test(text) && /\p{N}/u.test(text) && text.length >= 3) return 'code';
  return 'word';
};

/** Splits a question into compounds and describes each (see {@link QuestionToken}). */
export const tokenizeQuestion = (question: string): QuestionToken[] => {
  const tokens: QuestionToken[] = [];
  let previousEnd = 0;
  for (const match of question.matchAll(COMPOUND)) {
    const text = match[0];
    const start = match.index;
    // The `s` of a possessive already consumed.
    if (start < previousEnd) continue;
    let end = start + text.length;
    const call = question.startsWith('()', end);
    if (call) end += 2;
    const apostrophe = APOSTROPHE.exec(question.slice(end));
    if (apostrophe !== null) end += apostrophe[0].length;
    const gap = question.slice(previousEnd, start);
    // `GPLv2`, `LGPLv3`, `IPv6`: an acronym with its version run together is the name, then the version.
    const joined = NAME_WITH_VERSION.exec(text);
    if (joined?.[1] !== undefined && joined[2] !== undefined && apostrophe === null && !call) {
      const name = joined[1];
      const first = tokens.length === 0;
      tokens.push(describe(name, { start, end: start + name.length, gap, first, apostrophe: false, call: false }));
      tokens.push(
        describe(joined[2], { start: start + name.length, end, gap: '', first: false, apostrophe: false, call: false }),
      );
      previousEnd = end;
      continue;
    }
    const token = describe(text, {
      start,
      end,
      gap,
      first: tokens.length === 0,
      apostrophe: apostrophe !== null,
      call,
    });
    // `@reboot`, `$HOME`: a sigil makes the word an identifier.
    tokens.push(SIGIL.test(question.slice(0, start)) ? { ...token, shape: 'code' } : token);
    previousEnd = end;
  }
  return tokens;
};

/** Where a compound stands: its range, the text before it, whether it opens the question. */
interface TokenPlace {
  start: number;
  end: number;
  /** The text between the previous token and this one. */
  gap: string;
  first: boolean;
  /** Followed by `'s` or `'`. */
  apostrophe: boolean;
  call: boolean;
}

const describe = (text: string, { start, end, gap, first, apostrophe, call }: TokenPlace): QuestionToken => {
  const parts = partsOf(text);
  const letters = text.replace(/[^\p{L}]/gu, '');
  return {
    text,
    key: squash(text),
    parts,
    shape: shapeOf(text, call),
    start,
    end,
    possessive: apostrophe && !STOP_WORDS.has(text.toLowerCase()),
    call,
    sentenceStart: first || /[.?!:;]\s*["'\u201c\u2018(]*\s*$/u.test(gap),
    breakBefore: !first && /[^\s"'\u201c\u201d\u2018\u2019`]/u.test(gap),
    capitalised: /^\p{Lu}/u.test(text),
    acronym: letters.length >= 2 && letters === letters.toUpperCase() && /^\p{Lu}+$/u.test(letters),
    english: parts.every((part) => /\d/.test(part) || looksEnglish(part)),
  };
};

/**
 * Whether a token reads as the name of something (a program, library, API, standard or licence)
 * rather than an ordinary word: an identifier, a coined word (`wget`, `zstd`), an acronym, or a
 * capitalised word inside a sentence.
 */
export const isNameLike = (token: QuestionToken): boolean => {
  if (token.shape === 'code') return true;
  if (token.shape !== 'word' || STOP_WORDS.has(token.text.toLowerCase())) return false;
  if (token.acronym || !token.english) return true;
  return token.capitalised && !token.sentenceStart;
};
