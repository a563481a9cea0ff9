import type { PageSpan } from '../api/types.ts';

/** A text cut around a highlighted span. */
export interface HighlightParts {
  before: string;
  highlighted: string;
  after: string;
}

/** Cuts `text` at [start, end), clamping offsets that fall outside it. */
export const splitForHighlight = (text: string, start: number, end: number): HighlightParts => {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { before: text.slice(0, from), highlighted: text.slice(from, to), after: text.slice(to) };
};

/** The page holding `offset`, or undefined for documents without pages. */
export const pageAt = (pages: readonly PageSpan[], offset: number): number | undefined =>
  pages.find((page) => offset >= page.charStart && offset < page.charEnd)?.page;
