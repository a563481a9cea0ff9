/**
 * A symbol other than a letter, digit or space, repeated at least three times in a row, with or
 * without spaces between: dot leaders (`. . . . .`), rule lines (`-----`, `=====`, `─────`),
 * ellipses, runs of asterisks.
 */
const REPEATED_SYMBOL = /([^\p{L}\p{N}\s])(?:\s*\1){2,}/gu;

/**
 * What USE Lite is given of a text: the same words, without runs of a repeated symbol, which cost
 * it a token per character (two per dot of a leader: `▁` and `.`) and say nothing. On qa-dev they
 * were 7% of the tokens of the sentence windows (a table of contents' window is all dot leaders),
 * on qa-dev2 2%. Each run becomes its symbol once; words, numbers, single punctuation and
 * whitespace are kept as they are (collapsing newlines too changed half the windows' vectors for 2%
 * fewer tokens, and was not kept).
 */
export const readableText = (text: string): string => text.replace(REPEATED_SYMBOL, '$1');
