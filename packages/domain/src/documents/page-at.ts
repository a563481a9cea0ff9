import type { PageSpan } from '../entities/chunk.ts';

/**
 * The page an offset of the normalised text falls on: the last page starting at or before it
 * (text between two pages belongs to the earlier one). Undefined before the first page and for
 * documents without pages. `pages` must be sorted by `charStart`, as `normalizeDocument` makes them.
 */
export const pageAt = (pages: readonly PageSpan[], offset: number): number | undefined => {
  let lo = 0;
  let hi = pages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pages[mid]?.charStart ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return pages[lo - 1]?.page;
};
