/**
 * A symbol other than a letter, digit or space, repeated at least three times in a row, with or
 * without spaces between: dot leaders (`. . . . .`), rule lines (`-----`, `=====`, `─────`),
 * ellipses, runs of asterisks.
 */
const REPEATED_SYMBOL = /([^\p{L}\p{N}\s])(?:\s*\1){2,}/gu;

/**
 * What USE Lite is given of a text: the same words, without the layout that costs it tokens and
 * says nothing. A newline is not in the model's vocabulary (each one is an unknown token), a dot
 * leader costs two tokens a dot (`▁` and `.`), and a rule line one a character; on qa-dev these
 * were 9% of the tokens of the sentence windows, a table of contents' window being all leaders.
 * Every run of whitespace becomes one space and a run of one repeated symbol that symbol once, so
 * within the tokens the model reads (see `passageTokens`) the words come sooner. Words, numbers
 * and single punctuation are kept as they are.
 */
export const readableText = (text: string): string => text.replace(REPEATED_SYMBOL, '$1').replace(/\s+/g, ' ').trim();
