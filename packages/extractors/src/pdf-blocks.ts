import type { RawBlock } from '@docent/domain';
import { joinLines } from './dehyphenate.ts';
import type { PdfLine } from './pdf-lines.ts';

/** The lines of one page, 1-based. */
export interface PageLines {
  page: number;
  lines: PdfLine[];
}

/*
 * Paragraphs and headings from line geometry alone:
 * - the body font size is the size carrying most characters; lines at least 15% larger are headings,
 *   one level per distinct larger size (largest = 1), when short enough to be a title;
 * - a block ends where the baseline gap exceeds the usual line spacing by 25%, where the text moves
 *   up (a new column or a float), where a line starts indented (a paragraph's first line, or the body
 *   of a definition) or where the line's role (heading level or body) changes.
 */

const HEADING_RATIO = 1.15;
const MAX_HEADING_CHARS = 200;
const MAX_LEVEL = 6;
const GAP_TOLERANCE = 1.25;
const INDENT_EM = 0.8;
const DEFAULT_LEADING = 1.2;

const sizeKey = (size: number): number => Math.round(size * 2) / 2;

const mostCommon = (weights: Map<number, number>): number | undefined =>
  [...weights].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];

const bodyFontSize = (pages: readonly PageLines[]): number => {
  const weights = new Map<number, number>();
  for (const { lines } of pages) {
    for (const line of lines) {
      const key = sizeKey(line.fontSize);
      weights.set(key, (weights.get(key) ?? 0) + line.text.length);
    }
  }
  return mostCommon(weights) ?? 0;
};

/** The most common baseline distance between consecutive body lines: the document's leading. */
const usualLineGap = (pages: readonly PageLines[], body: number): number => {
  const gaps = new Map<number, number>();
  for (const { lines } of pages) {
    for (const [index, line] of lines.entries()) {
      const previous = lines[index - 1];
      if (!previous || sizeKey(line.fontSize) !== body || sizeKey(previous.fontSize) !== body) continue;
      const gap = Math.round(previous.y - line.y);
      if (gap > 0 && gap < body * 3) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
    }
  }
  return mostCommon(gaps) ?? body * DEFAULT_LEADING;
};

const headingLevels = (pages: readonly PageLines[], body: number): Map<number, number> => {
  const sizes = new Set<number>();
  for (const { lines } of pages) {
    for (const line of lines) {
      const key = sizeKey(line.fontSize);
      if (key >= body * HEADING_RATIO) sizes.add(key);
    }
  }
  const ordered = [...sizes].sort((a, b) => b - a);
  return new Map(ordered.map((size, index) => [size, Math.min(index + 1, MAX_LEVEL)]));
};

interface OpenBlock {
  page: number;
  level: number | undefined;
  lines: PdfLine[];
}

/** True when `line` continues the paragraph of `previous`: just below it and not indented further. */
const followsOn = (previous: PdfLine, line: PdfLine, spacing: number, body: number): boolean => {
  const gap = previous.y - line.y;
  return gap > 0 && gap <= spacing * GAP_TOLERANCE && line.x <= previous.x + INDENT_EM * body;
};

/** Turns the lines of every page into paragraph and heading blocks carrying their page numbers. */
export const pdfBlocks = (pages: readonly PageLines[]): RawBlock[] => {
  const body = bodyFontSize(pages);
  const lineGap = usualLineGap(pages, body);
  const levels = headingLevels(pages, body);
  const blocks: RawBlock[] = [];
  let open: OpenBlock | undefined;
  const close = (): void => {
    if (!open) return;
    const text = joinLines(open.lines.map((line) => line.text));
    blocks.push(
      open.level === undefined
        ? { kind: 'paragraph', text, page: open.page }
        : { kind: 'heading', text, level: open.level, page: open.page },
    );
    open = undefined;
  };
  const levelOf = (line: PdfLine): number | undefined =>
    line.text.length <= MAX_HEADING_CHARS && /\p{L}/u.test(line.text) ? levels.get(sizeKey(line.fontSize)) : undefined;

  for (const { page, lines } of pages) {
    close();
    for (const line of lines) {
      const level = levelOf(line);
      const previous = open?.lines.at(-1);
      const spacing = level === undefined ? lineGap : line.fontSize * DEFAULT_LEADING;
      if (open && previous && open.level === level && followsOn(previous, line, spacing, body)) {
        open.lines.push(line);
      } else {
        close();
        open = { page, level, lines: [line] };
      }
    }
  }
  close();
  return blocks;
};
