import type { StatementSync } from 'node:sqlite';
import type { Page, PageRequest } from '@docent/domain';
import { DocentError } from '@docent/domain';

/** Where a newest-first listing stopped: the last item's timestamp (ms) and id. */
export interface CursorPosition {
  ms: number;
  id: string;
}

/** An opaque, URL-safe cursor for the position after `position`. */
export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify([position.ms, position.id])).toString('base64url');

/** Reads a cursor made by `encodeCursor`; throws `validation_failed` for anything else. */
export const decodeCursor = (cursor: string): CursorPosition => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { ms: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the one error below: a malformed cursor is the client's mistake either way.
  }
  throw new DocentError('validation_failed', 'The page cursor is not valid', { details: { field: 'cursor' } });
};

/** Checks a page size, which SQLite would otherwise read as "no limit" when negative. */
export const checkLimit = (limit: number): number => {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DocentError('validation_failed', 'The page limit must be a positive integer', {
      details: { field: 'limit' },
    });
  }
  return limit;
};

/**
 * Turns the rows of a keyset query that asked for `limit + 1` rows into a page: the extra row, if
 * any, only says that another page follows, whose cursor is the last kept row's position.
 */
export const toPage = <Row, Item>(
  rows: readonly Row[],
  limit: number,
  positionOf: (row: Row) => CursorPosition,
  toItem: (row: Row) => Item,
): Page<Item> => {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
};

/** The two prepared statements of an owner's newest-first listing: `(owner, n)` and `(owner, ms, id, n)`. */
export interface KeysetStatements {
  first: StatementSync;
  next: StatementSync;
}

/**
 * One page of an owner's newest-first listing: checks the request, runs the first-page or
 * after-cursor statement (through `read`, so it joins any open transaction) asking one extra row,
 * which only says whether another page follows.
 */
export const readKeysetPage = async <Row, Item>(
  read: <T>(statements: () => T) => Promise<T>,
  statements: KeysetStatements,
  ownerId: string,
  page: PageRequest,
  positionOf: (row: Row) => CursorPosition,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> => {
  const limit = checkLimit(page.limit);
  const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
  const rows = await read(
    () =>
      (after === null
        ? statements.first.all(ownerId, limit + 1)
        : statements.next.all(ownerId, after.ms, after.id, limit + 1)) as unknown as Row[],
  );
  return toPage(rows, limit, positionOf, toItem);
};
