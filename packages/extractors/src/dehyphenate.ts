// A line-end fragment of at least two letters that starts a word (not the tail of `bzip2-` or
// `--repetitive-`), then a hyphen, a soft hyphen or U+2010.
const BROKEN_WORD_END = /(?:^|[^\p{L}\p{N}_-])(\p{L}{2,})[-\u00ad\u2010]$/u;
// The next line must continue in lower case with letters only, up to the word's end.
const CONTINUATION = /^(\p{Ll}+)(?=$|[\s.,;:!?)/'"\]’”])/u;
// A compound split after its hyphen (`32-` then `bit`, `end-of-` then `stream`).
const COMPOUND_END = /[\p{L}\p{N}][-\u2010]$/u;
const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * True when `line` ends in a word broken across lines (`compres-` then `sion`): the fragment is a
 * word start, the continuation is lower-case letters, so the joined form reads as one word. Compounds
 * whose next part starts with a capital or a digit (`SHA-` `256`) keep their hyphen.
 */
export const isBrokenWord = (line: string, next: string): boolean => {
  const fragment = BROKEN_WORD_END.exec(line)?.[1];
  const continuation = CONTINUATION.exec(next)?.[1];
  return fragment !== undefined && continuation !== undefined && fragment.length + continuation.length >= 4;
};

/**
 * Joins lines with line breaks, mending words hyphenated at a line end. Other line-end hyphens
 * between word characters belong to compounds (`end-of-` `stream`) and are kept, without the break.
 */
export const joinLines = (lines: readonly string[]): string => {
  let text = '';
  let previous: string | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (previous === undefined) text = line;
    else if (isBrokenWord(previous, line)) text = text.slice(0, -1) + line;
    else if (COMPOUND_END.test(previous) && WORD_START.test(line)) text += line;
    else text += `\n${line}`;
    previous = line;
  }
  return text;
};
