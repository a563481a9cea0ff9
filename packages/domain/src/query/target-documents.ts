import { absentFocus } from './asked-focus.ts';
import type { CatalogDocument } from './catalog.ts';
import { type DocumentKey, documentKeys, KIND_NOUNS } from './document-keys.ts';
import { looksEnglish } from './english-word.ts';
import { isNameLike, type QuestionToken, tokenizeQuestion } from './question-tokens.ts';
import { isVersion } from './terms.ts';
import { findNameRuns, judgeNames } from './unmatched-names.ts';

/** What a question says about which documents it is about. */
export interface QuestionTargets {
  /** Catalog documents the question names explicitly, in order of first mention. */
  targets: string[];
  /** Versions and variants attached to a named document (`2.0` in "Artistic License 2.0"). */
  qualifiers: string[];
  /** The qualifiers that no targeted document's vocabulary contains. */
  absentQualifiers: string[];
  /** Names of programs, libraries, APIs or licences the question asks about that no document covers. */
  unmatchedNames: string[];
  /** Words of "what X" / "which X" that no targeted document uses: the kind of thing asked for is not there. */
  absentFocus: string[];
}

/**
 * A term a document mentions fewer times than this is a passing mention (a cross-reference, a
 * SEE ALSO entry), not a topic of the document.
 */
export const TOPIC_MENTIONS = 2;

interface KeyMatch {
  documentId: string;
  /** Token range [start, end). */
  start: number;
  end: number;
}

const keyCache = new WeakMap<CatalogDocument, DocumentKey[]>();
const keysOf = (doc: CatalogDocument): DocumentKey[] => {
  let keys = keyCache.get(doc);
  if (keys === undefined) {
    keys = documentKeys(doc);
    keyCache.set(doc, keys);
  }
  return keys;
};

const isKindToken = (token: QuestionToken | undefined): boolean =>
  token !== undefined && token.shape === 'word' && KIND_NOUNS.has(token.key);

/** A coined word or an identifier names something by its form alone; an English-looking word may not. */
const isStrongTerm = (term: string): boolean => /\d/.test(term) || !/^[a-z]+$/.test(term) || !looksEnglish(term);

/** The question itself marks the word as a name: `curl's`, `the url module`, `Nettle` mid-sentence. */
const hasNameContext = (tokens: readonly QuestionToken[], i: number): boolean => {
  const token = tokens[i];
  if (token === undefined) return false;
  return (
    token.possessive ||
    isKindToken(tokens[i + 1]) ||
    (token.capitalised && !token.sentenceStart && !token.acronym) ||
    (token.shape === 'code' && token.text.includes('.'))
  );
};

/** Matches of one document's keys in the question (see README for the acceptance rules). */
const matchDocument = (tokens: readonly QuestionToken[], doc: CatalogDocument, others: CatalogDocument[]) => {
  const distinctive = (term: string) =>
    others.every((other) => other.vocabulary === undefined || other.vocabulary(term) < TOPIC_MENTIONS);
  const matches: KeyMatch[] = [];
  for (const key of keysOf(doc)) {
    const [single] = key.terms;
    for (let i = 0; i + key.terms.length <= tokens.length; i += 1) {
      const here = tokens[i];
      if (here === undefined || single === undefined) continue;
      const whole = key.terms.every((term, j) => tokens[i + j]?.key === term);
      // `url.parse()` names the url module; other code tokens hide their parts (`set-option`).
      const namespace = key.terms.length === 1 && here.shape === 'code' && here.text.includes('.');
      if (!whole && !(namespace && here.parts[0] === single)) continue;
      if (key.terms.length === 1) {
        const strong = isStrongTerm(single);
        const context = hasNameContext(tokens, i);
        const accepted =
          key.source === 'name' ? strong || context || distinctive(single) : distinctive(single) && (strong || context);
        if (!accepted) continue;
      }
      matches.push({ documentId: doc.documentId, start: i, end: i + key.terms.length });
    }
  }
  return matches;
};

/** Versions and variant names right after a match: `License 2.0`, `Commons Attribution 4.0`, `GPL version 2`. */
const qualifiersAfter = (tokens: readonly QuestionToken[], match: KeyMatch): number[] => {
  const found: number[] = [];
  for (let k = match.end; k < tokens.length; k += 1) {
    const token = tokens[k];
    const previous = tokens[k - 1];
    if (token === undefined || token.breakBefore || previous?.possessive) break;
    if (isKindToken(token)) continue;
    const numbered = token.shape === 'number' && previous?.key === 'version';
    if (numbered || token.shape === 'version' || (token.shape === 'word' && isNameLike(token))) found.push(k);
    else break;
  }
  return found;
};

/**
 * Qualifiers put before the name: a version (`version 3 of the GNU GPL`) or a variant word inside
 * the name (`GNU Affero GPL`).
 */
const qualifiersBefore = (tokens: readonly QuestionToken[], match: KeyMatch): number[] => {
  const run: number[] = [];
  let k = match.start - 1;
  for (; k >= 0; k -= 1) {
    const token = tokens[k];
    const next = tokens[k + 1];
    if (token === undefined || next?.breakBefore || token.possessive || !isNameLike(token) || isKindToken(token)) break;
    run.push(k);
  }
  // Only a word inside the name counts (`GNU Affero GPL`): the first word of the phrase may just say
  // whose copy it is (`the Debian curl manual`).
  const found = run.slice(0, -1);
  if (tokens[k]?.key === 'the') k -= 1;
  const version = tokens[k - 1];
  const numbered = version?.shape === 'number' || version?.shape === 'version';
  if (numbered && tokens[k]?.key === 'of' && tokens[k - 2]?.key === 'version') found.push(k - 1);
  return found;
};

/**
 * Whether a document holds the qualifier. A dotted version (`1.1`) or a word is specific enough
 * alone; a bare release number (`3`, `v3`, and `3.0` written another way) is everywhere (section
 * numbers), so it must appear as a version: `version 3`, `v3` or `3.0`.
 */
const versionOrWord = (vocabulary: (t: string) => number, qualifier: string): boolean => {
  const unprefixed = isVersion(qualifier) ? qualifier.replace(/^v/i, '') : qualifier;
  // `2.0` is release 2 written another way (and `3.0.0` release 3): compared as the bare number.
  const bare = /^\d+(?:\.\d+)*$/.test(unprefixed) ? unprefixed.replace(/(?<=\d)(?:\.0)+$/, '') : unprefixed;
  if (bare !== unprefixed && vocabulary(unprefixed) > 0) return true;
  if (!/^v?\d+$/i.test(bare)) return vocabulary(bare) > 0;
  const release = bare.replace(/^v/i, '');
  return vocabulary(`version ${release}`) > 0 || vocabulary(`v${release}`) > 0 || vocabulary(`${release}.0`) > 0;
};

/**
 * Which catalog documents a question names, which versions or variants it asks about, and which
 * names it uses that no document covers. Matching uses only the catalog's own file names, title
 * lines and vocabularies: case-insensitive, tolerant to punctuation, never inside a code token.
 */
export const targetDocuments = (question: string, catalog: readonly CatalogDocument[]): QuestionTargets => {
  const tokens = tokenizeQuestion(question);
  const matches = catalog
    .flatMap((doc) =>
      matchDocument(
        tokens,
        doc,
        catalog.filter((other) => other !== doc),
      ),
    )
    .sort((a, b) => a.start - b.start);
  // A match inside a longer one is part of that name: "GPL" in "Lesser GPL" names the Lesser GPL only.
  // Qualifiers follow the longest match too: after "Foo Public License", not after its prefix "Foo".
  const longest = matches.filter(
    (m) => !matches.some((o) => o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start),
  );
  const targets = [...new Set(longest.map((m) => m.documentId))];
  // Each qualifier is judged against the documents it qualifies: "Mozilla Public License 2.0" asks
  // for an MPL 2.0, whatever version the GPL named beside it has.
  const qualified = new Map<number, Set<string>>();
  for (const m of longest) {
    for (const i of [...qualifiersBefore(tokens, m), ...qualifiersAfter(tokens, m)]) {
      qualified.set(i, (qualified.get(i) ?? new Set()).add(m.documentId));
    }
  }
  const ordered = [...qualified.keys()].sort((a, b) => a - b);
  const qualifiers = [...new Set(ordered.map((i) => tokens[i]?.text ?? ''))];
  const targeted = catalog.filter((doc) => targets.includes(doc.documentId));
  const vocabularies = targeted.flatMap((doc) => (doc.vocabulary === undefined ? [] : [doc.vocabulary]));
  const holds = (i: number): boolean =>
    catalog.some(
      (doc) =>
        qualified.get(i)?.has(doc.documentId) === true &&
        (doc.vocabulary === undefined || versionOrWord(doc.vocabulary, tokens[i]?.text ?? '')),
    );
  const absentQualifiers = [...new Set(ordered.filter((i) => !holds(i)).map((i) => tokens[i]?.text ?? ''))];
  const covered = new Set(matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, j) => m.start + j)));
  const runs = findNameRuns(tokens, (i) => covered.has(i) || qualified.has(i));
  const unmatchedNames = judgeNames(question, tokens, runs, {
    targeted,
    catalog,
    topicMentions: TOPIC_MENTIONS,
  });
  return { targets, qualifiers, absentQualifiers, unmatchedNames, absentFocus: absentFocus(tokens, vocabularies) };
};
