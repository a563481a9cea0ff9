import type { RawBlock, RawBlockKind, RawDocument } from '@docent/domain';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeSourceText } from './utf8-text.ts';

/*
 * Markdown is not rendered: every block holds its source lines verbatim (markers included), so
 * answer spans quoted from the raw file still match. Only the cut points and block kinds come
 * from the syntax: blank lines, ATX and setext headings, fenced code, list items and table rows.
 */

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;
const TABLE_ROW = /^ {0,3}\|/;
const BLANK = /^\s*$/;

const headingText = (source: string): string =>
  source
    .replace(/^ {0,3}#{1,6}/, '')
    .replace(/[ \t]#+[ \t]*$/, '')
    .trim();

const isFenceClose = (line: string, fence: string): boolean => {
  const trimmed = line.trim();
  return line.search(/\S/) <= 3 && trimmed.startsWith(fence) && /^([`~])\1*$/.test(trimmed) && trimmed[0] === fence[0];
};

/** Splits Markdown source into blocks; see the rules at the top of this file. */
export const markdownBlocks = (source: string): RawBlock[] => {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: RawBlock[] = [];
  let pending: string[] = [];
  let pendingKind: RawBlockKind = 'paragraph';
  const flush = (): void => {
    if (pending.length > 0) blocks.push({ kind: pendingKind, text: pending.join('\n') });
    pending = [];
    pendingKind = 'paragraph';
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fence = FENCE_OPEN.exec(line)?.[1];
    if (fence !== undefined) {
      flush();
      const end = lines.findIndex((candidate, at) => at > index && isFenceClose(candidate, fence));
      const last = end === -1 ? lines.length - 1 : end;
      blocks.push({ kind: 'code', text: lines.slice(index, last + 1).join('\n') });
      index = last;
    } else if (BLANK.test(line)) {
      flush();
    } else if (ATX_HEADING.test(line)) {
      flush();
      blocks.push({ kind: 'heading', text: line, level: ATX_HEADING.exec(line)?.[1]?.length ?? 1 });
    } else if (pendingKind === 'paragraph' && pending.length > 0 && SETEXT_UNDERLINE.test(line)) {
      blocks.push({ kind: 'heading', text: [...pending, line].join('\n'), level: line.includes('=') ? 1 : 2 });
      pending = [];
    } else if (TABLE_ROW.test(line)) {
      flush();
      blocks.push({ kind: 'table-row', text: line });
    } else if (LIST_ITEM.test(line)) {
      flush();
      pending = [line];
      pendingKind = 'list-item';
    } else {
      pending.push(line);
    }
  }
  flush();
  return blocks;
};

/** The text of a heading block without its Markdown markers. */
const plainHeading = (block: RawBlock): string =>
  block.text.includes('\n') ? block.text.split('\n').slice(0, -1).join(' ').trim() : headingText(block.text);

/** Markdown document: raw blocks, title from the first level-1 heading; `too_large` past `maxExtractedChars`. */
export const extractMarkdown = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): RawDocument => {
  const blocks = markdownBlocks(decodeSourceText(bytes, limits.maxExtractedChars));
  const first = blocks.find((block) => block.kind === 'heading' && block.level === 1);
  return finishDocument('text/markdown', blocks, { title: first ? plainHeading(first) : undefined });
};

/** Markdown, by extension only: any text could be Markdown. */
export const MARKDOWN_FORMAT: FormatDefinition = {
  contentType: 'text/markdown',
  label: 'Markdown',
  extensions: ['md', 'markdown'],
  detection: { kind: 'text' },
  extract: extractMarkdown,
};
