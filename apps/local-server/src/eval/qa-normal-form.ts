// Exactly the characters Python's `str.isspace()` accepts: the qa-dev README defines the normal form
// with Python's `re.sub(r"\s+", " ", s)`. JavaScript's `\s` differs (it adds U+FEFF and misses
// U+001C-U+001F and U+0085).
// biome-ignore lint/suspicious/noControlCharactersInRegex: those control characters are whitespace to Python.
const PYTHON_WHITESPACE_RUN = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;

/**
 * The qa-dev normal form, as its README defines it: Unicode NFKC, every whitespace run replaced by
 * one space, leading and trailing spaces stripped. The harness keeps its own copy rather than the
 * domain's, so the yardstick does not move with the code it measures.
 */
export const qaNormalise = (text: string): string =>
  text.normalize('NFKC').replace(PYTHON_WHITESPACE_RUN, ' ').replace(/^ /, '').replace(/ $/, '');
