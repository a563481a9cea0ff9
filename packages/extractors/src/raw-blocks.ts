import type { ContentType, RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';

// A line break followed by one or more lines that hold nothing but spaces.
const BLANK_LINES = /\n(?:[^\S\n]*\n)+/;
const NON_SPACE = /\S/;
// Blank lines before the first text line; indentation of that line is kept.
const LEADING_BLANK_LINES = /^(?:[^\S\n]*\n)+/;

/** Splits text into the runs between blank lines (lines holding only spaces count as blank). */
export const splitAtBlankLines = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(BLANK_LINES)
    .filter((part) => NON_SPACE.test(part))
    .map((part) => part.replace(LEADING_BLANK_LINES, '').trimEnd());

/**
 * Drops whitespace-only blocks and builds the document, throwing `empty_document` when nothing readable
 * remains: every format shares this rule, so an upload never becomes a document without text.
 */
export const finishDocument = (
  contentType: ContentType,
  blocks: RawBlock[],
  extra: { pageCount?: number; title?: string | undefined } = {},
): RawDocument => {
  const kept = blocks.filter((block) => NON_SPACE.test(block.text));
  if (kept.length === 0) throw new DocentError('empty_document', 'The document contains no extractable text.');
  const document: RawDocument = { contentType, blocks: kept };
  if (extra.pageCount !== undefined) document.pageCount = extra.pageCount;
  const title = extra.title?.replace(/\s+/g, ' ').trim();
  if (title) document.title = title;
  return document;
};
