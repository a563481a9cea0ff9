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

/** A text with its whitespace collapsed, and where each of its characters came from. */
export interface CollapsedText {
  text: string;
  /** For each character of `text`, its offset in the original (a collapsed run: the run's first). */
  offsets: number[];
}

/**
 * The whitespace steps of the normal form (runs to one space, ends trimmed) without NFKC, keeping
 * every character's original offset, so that a match in the collapsed text maps back to a range
 * of the original. Meant for Docent's document text, which is NFKC already.
 */
export const collapseWhitespace = (text: string): CollapsedText => {
  let collapsed = '';
  const offsets: number[] = [];
  const keep = (from: number, to: number) => {
    collapsed += text.slice(from, to);
    for (let i = from; i < to; i += 1) offsets.push(i);
  };
  let last = 0;
  for (const run of text.matchAll(PYTHON_WHITESPACE_RUN)) {
    keep(last, run.index);
    last = run.index + run[0].length;
    // Trimmed: no space for a run at either end.
    if (run.index > 0 && last < text.length) {
      collapsed += ' ';
      offsets.push(run.index);
    }
  }
  keep(last, text.length);
  return { text: collapsed, offsets };
};
