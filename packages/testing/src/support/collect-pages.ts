import type { Page, PageRequest } from '@docent/domain';
import { expect } from 'vitest';

/**
 * Follows `nextCursor` from the first page to the end and returns every item in order, checking
 * that no page exceeds `limit`. Stops with a failure if the cursor never reaches null.
 */
export const collectPages = async <T>(
  fetchPage: (request: PageRequest) => Promise<Page<T>>,
  limit: number,
  maxPages = 1000,
): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(cursor === undefined ? { limit } : { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error(`Pagination did not end after ${maxPages} pages`);
};
