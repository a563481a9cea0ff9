import type { PageRequest } from '../entities/page.ts';
import { DocentError } from '../errors.ts';

/** Page size when the caller gives none. */
export const DEFAULT_PAGE_LIMIT = 20;
/** Largest page a caller may ask for; larger requests are capped. */
export const MAX_PAGE_LIMIT = 100;

/** Fills in the default limit and caps it; a limit below 1 or not an integer is `validation_failed`. */
export const resolvePageRequest = (page: Partial<PageRequest>): PageRequest => {
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DocentError('validation_failed', 'limit must be a whole number of at least 1.', {
      details: { fields: ['limit'] },
    });
  }
  const resolved: PageRequest = { limit: Math.min(limit, MAX_PAGE_LIMIT) };
  if (page.cursor !== undefined && page.cursor !== '') resolved.cursor = page.cursor;
  return resolved;
};
