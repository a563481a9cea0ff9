/**
 * Compound terms shared by the question side and the document side of question understanding, so
 * both always agree. A compound is word characters joined by `-`, `_`, `.`, `:`, `/` or `+`, with
 * an optional leading `-`/`--` (command-line options): `--max-time`, `XML_Parse`, `url.parse`.
 */
export const COMPOUND = /(?<![\p{L}\p{N}])(?:--?)?[\p{L}\p{N}]+(?:[-_.:/+][\p{L}\p{N}]+)*/gu;

const PART = /[\p{L}\p{N}]+/gu;
const VERSION = /^v?\d+(?:\.\d+)+$/;

/**
 * The comparison form of a compound: NFKC, lower case, leading dashes kept, every other
 * punctuation mark dropped except a dot between digits. So `SHA-256` = `sha256`, `Node.js` =
 * `nodejs`, `XML_Parse` = `xmlparse`, while `1.0` stays `1.0` and `--retry` stays `--retry`.
 */
export const squash = (compound: string): string => {
  const lower = compound.normalize('NFKC').toLowerCase();
  const dashes = /^-*/.exec(lower)?.[0] ?? '';
  const body = lower.slice(dashes.length);
  return (
    dashes +
    body.replace(/(\p{N})\.(?=\p{N})|[^\p{L}\p{N}]/gu, (_, digit?: string) => (digit === undefined ? '' : `${digit}.`))
  );
};

/** The lower-case word parts of a compound: `XML_ParserCreate` -> `xml`, `parsercreate`. */
export const partsOf = (compound: string): string[] => compound.normalize('NFKC').toLowerCase().match(PART) ?? [];

/** A dotted release number (`2.0`, `1.0.8`, `v5.4`). */
export const isVersion = (term: string): boolean => VERSION.test(term);

/** `5.4.1` -> [`5.4`] and `v1.0.8` -> [`1.0.8`, `1.0`]: shorter spellings a question may use. */
export const versionPrefixes = (version: string): string[] => {
  const bare = version.replace(/^v/, '');
  const pieces = bare.split('.');
  const prefixes = bare === version ? [] : [bare];
  for (let n = pieces.length - 1; n >= 2; n -= 1) prefixes.push(pieces.slice(0, n).join('.'));
  return prefixes;
};
