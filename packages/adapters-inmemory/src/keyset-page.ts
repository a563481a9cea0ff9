import { DocentError, type Page, type PageRequest } from '@docent/domain';

/** The position of an item in a newest-first listing. */
export interface ListingKey {
  /** ISO-8601 timestamp. */
  time: string;
  id: string;
}

const compareNewestFirst = (a: ListingKey, b: ListingKey): number => {
  const byTime = Date.parse(b.time) - Date.parse(a.time);
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
};

const encodeCursor = (key: ListingKey): string => Buffer.from(JSON.stringify([key.time, key.id])).toString('base64url');

const decodeCursor = (cursor: string): ListingKey => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { time: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw new DocentError('validation_failed', 'The page cursor is not valid.', { details: { field: 'cursor' } });
};

/**
 * One page of `items` newest first (ties by id descending). The cursor is the last item's key, not
 * an offset, so items added or removed between requests never shift later pages.
 */
export const pageNewestFirst = <T>(items: Iterable<T>, keyOf: (item: T) => ListingKey, request: PageRequest): Page<T> =>
  pageInOrder(items, keyOf, request, compareNewestFirst);

/** One page of `items` oldest first (ties by id ascending), with the same cursors as `pageNewestFirst`. */
export const pageOldestFirst = <T>(items: Iterable<T>, keyOf: (item: T) => ListingKey, request: PageRequest): Page<T> =>
  pageInOrder(items, keyOf, request, (a, b) => compareNewestFirst(b, a));

const pageInOrder = <T>(
  items: Iterable<T>,
  keyOf: (item: T) => ListingKey,
  request: PageRequest,
  compare: (a: ListingKey, b: ListingKey) => number,
): Page<T> => {
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new DocentError('validation_failed', 'The page limit must be a positive integer.', {
      details: { field: 'limit' },
    });
  }
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const remaining = after === undefined ? sorted : sorted.filter((item) => compare(keyOf(item), after) > 0);
  const pageItems = remaining.slice(0, request.limit);
  const last = pageItems[pageItems.length - 1];
  const nextCursor = remaining.length > request.limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { items: pageItems, nextCursor };
};
