import { STOP_WORDS } from '../text/stop-words.ts';
import type { CatalogDocument } from './catalog.ts';
import { type QuestionToken, tokenizeQuestion } from './question-tokens.ts';
import { squash } from './terms.ts';

/**
 * Nouns that say what kind of thing a name is (`the Nettle manual`, `the zstd README`, `the url
 * module`, `Artistic License 2.0`). They are never part of a name and never a name themselves.
 */
export const KIND_NOUNS: ReadonlySet<string> = new Set(
  `api apis binary book cli client command commands compiler daemon doc docs documentation edition
  extension format framework guide handbook howto interpreter introduction library licence license
  man manual module overview package page plugin program project protocol readme reference release
  server spec specification standard tool tutorial utility utils version`.split(/\s+/),
);

/**
 * A phrase that names a document. `name` keys come from the file name and man-page NAME lines
 * (program names); `title` keys from title lines, and a single title word counts only when it is
 * distinctive (see target matching).
 */
export interface DocumentKey {
  /** Squashed terms, matched against consecutive question tokens. */
  terms: string[];
  source: 'name' | 'title';
}

const EXTENSION = /\.(?:txt|text|md|markdown|rst|adoc|pdf|docx?|odt|rtf|html?|xhtml|xml|epub|gz|bz2|xz)$/i;
const MAN_SECTION = /\.\d[a-z]*$/i;
// `xz, unxz, xzcat - Compress or decompress ...`, `tmux -- terminal multiplexer`.
const NAME_LINE = /^[\s•*·-]*([^\s,]+(?:\s*,\s*[^\s,]+)*)\s+(?:-{1,2}|\u2013|\u2014)\s+\S/u;

const isKind = (term: string): boolean => KIND_NOUNS.has(term.toLowerCase());

const stemKeys = (fileName: string): DocumentKey[] => {
  let stem = fileName;
  while (EXTENSION.test(stem)) stem = stem.replace(EXTENSION, '');
  stem = stem.replace(MAN_SECTION, '');
  const segments = stem
    .split(/[-_\s]+/)
    .map(squash)
    .filter((s) => s !== '' && !isKind(s) && !/^[\d.]+$/.test(s) && !/^v\d/.test(s));
  const keys: DocumentKey[] = segments.map((s) => ({ terms: [s], source: 'name' }));
  if (segments.length > 1) keys.push({ terms: segments, source: 'name' });
  return keys;
};

const isTitleWord = (token: QuestionToken): boolean =>
  !STOP_WORDS.has(token.text.toLowerCase()) &&
  (token.shape === 'code' || (token.shape === 'word' && (token.capitalised || !token.english)));

const MIN_ACRONYM_WORDS = 3;
// Words after a name that say which issue of it a title is: not part of the name's initials.
const ISSUE_WORDS = new Set(['version', 'release', 'edition']);

/**
 * A title's last words written as their initials, as people shorten names: "Lesser General Public
 * License" is also the "Lesser GPL", "GNU Lesser General Public License" the "GNU LGPL" and the
 * "LGPL" (initials of all but the first word, which often says whose it is). Shorter initials keep
 * a word before them: a bare `GPL` taken from the Lesser GPL's title would name the other GPL too.
 */
const acronymKeys = (words: readonly QuestionToken[]): DocumentKey[] => {
  const keys: DocumentKey[] = [];
  let end = words.length;
  while (end > 0 && ISSUE_WORDS.has(words[end - 1]?.key ?? '')) end -= 1;
  const run = words.slice(0, end);
  for (let from = 1; from + MIN_ACRONYM_WORDS <= run.length; from += 1) {
    const initials = run
      .slice(from)
      .map((t) => t.key[0] ?? '')
      .join('');
    for (let start = 0; start < from; start += 1) {
      keys.push({ terms: [...run.slice(start, from).map((t) => t.key), initials], source: 'title' });
    }
    if (from === 1) keys.push({ terms: [initials], source: 'title' });
  }
  return keys;
};

/**
 * Runs of title words in a line; each run without trailing kind nouns gives its prefixes, and
 * the whole run its acronyms.
 */
const titleKeys = (line: string): DocumentKey[] => {
  const keys: DocumentKey[] = [];
  const flush = (run: QuestionToken[]) => {
    keys.push(...acronymKeys(run.filter((t) => t.shape === 'word')));
    while (run.length > 0 && isKind(run[run.length - 1]?.text ?? '')) run.pop();
    for (let n = 1; n <= run.length; n += 1) {
      keys.push({ terms: run.slice(0, n).map((t) => t.key), source: 'title' });
    }
    for (const token of run.slice(1)) keys.push({ terms: [token.key], source: 'title' });
  };
  let run: QuestionToken[] = [];
  for (const token of tokenizeQuestion(line)) {
    if (token.breakBefore || !isTitleWord(token)) {
      flush(run);
      run = [];
    }
    if (isTitleWord(token)) run.push(token);
  }
  flush(run);
  return keys;
};

const lineKeys = (line: string): DocumentKey[] => {
  const names = NAME_LINE.exec(line)?.[1];
  if (names === undefined) return titleKeys(line);
  return names
    .split(',')
    .map((n) => squash(n.trim()))
    .filter((n) => n !== '')
    .map((n) => ({ terms: [n], source: 'name' }));
};

/** Every key of a document, without duplicates (a `name` key wins over the same `title` key). */
export const documentKeys = (doc: CatalogDocument): DocumentKey[] => {
  const lines = doc.title === undefined ? doc.headings : [doc.title, ...doc.headings];
  const all = [...stemKeys(doc.name), ...lines.flatMap(lineKeys)];
  const unique = new Map<string, DocumentKey>();
  for (const key of all) {
    // One letter or a bare number names nothing (`M` of an author's initials).
    if (key.terms.length === 1 && !/[\p{L}]{2}/u.test(key.terms[0] ?? '')) continue;
    const id = key.terms.join(' ');
    if (!unique.has(id) || key.source === 'name') unique.set(id, key);
  }
  return [...unique.values()];
};
