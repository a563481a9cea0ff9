import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { DocentError, type Page, type PageRequest } from '@docent/domain';

/** An item as the document client gives it back. */
export type DynamoItem = Record<string, unknown>;

/**
 * The instant `iso` names, as UTC ISO-8601 with milliseconds (`2024-01-01T00:00:00.000Z`). Fixed width for
 * years 0–9999, so these strings sort by time; outside that range (or unparseable) is `validation_failed`.
 */
export const sortableInstant = (iso: string, field: string): string => {
  const ms = Date.parse(iso);
  const instant = Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  if (instant.length !== 24) {
    throw new DocentError('validation_failed', `${field} must be an ISO-8601 timestamp between years 0 and 9999`, {
      details: { field },
    });
  }
  return instant;
};

/**
 * A sort key that orders items by time, then by id: `<sortable instant>#<id>`. The instant has a fixed
 * width, so comparing keys compares instants first and ids (as UTF-8 bytes) only on a tie.
 */
export const listingKey = (iso: string, id: string, field: string): string => `${sortableInstant(iso, field)}#${id}`;

/** Where a newest-first listing stopped: the last item's instant and id. */
export interface ListingPosition {
  time: string;
  id: string;
}

/** An opaque, URL-safe cursor for the position after `position`. */
export const encodeCursor = (position: ListingPosition): string =>
  Buffer.from(JSON.stringify([position.time, position.id])).toString('base64url');

const invalidCursor = (): DocentError =>
  new DocentError('validation_failed', 'The page cursor is not valid', { details: { field: 'cursor' } });

/** The sort key a cursor made by `encodeCursor` stands for; `validation_failed` for anything else. */
export const cursorKey = (cursor: string): string => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
    throw invalidCursor();
  }
  try {
    return listingKey(value[0], value[1], 'cursor');
  } catch {
    throw invalidCursor();
  }
};

/** Checks a page size or item limit: a positive integer, else `validation_failed`. */
export const checkLimit = (limit: number, field = 'limit'): number => {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DocentError('validation_failed', `The ${field} must be a positive integer`, { details: { field } });
  }
  return limit;
};

/**
 * Reads up to `wanted` items of a query without a filter, following `LastEvaluatedKey` when DynamoDB
 * stops early at its 1 MB response limit. With `wanted` infinite, reads every item, in pages of
 * `input.Limit` items when given.
 */
export const queryUpTo = async (
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  wanted: number,
): Promise<DynamoItem[]> => {
  const items: DynamoItem[] = [];
  let start: DynamoItem | undefined;
  do {
    const output = await client.send(
      new QueryCommand({
        ...input,
        Limit: Number.isFinite(wanted) ? wanted - items.length : input.Limit,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(output.Items ?? []));
    start = output.LastEvaluatedKey;
  } while (start !== undefined && items.length < wanted);
  return items;
};

/** How a newest-first listing reads one partition of a table or index. */
export interface NewestFirstQuery {
  tableName: string;
  indexName?: string;
  partitionKey: { name: string; value: string };
  /** The `<instant>#<id>` sort key attribute. */
  sortKeyName: string;
}

/**
 * One page of a partition, newest first. Asks for one item more than the page holds: that item only
 * says whether another page follows, whose cursor is the last kept item's position (keyset paging, so
 * items added or removed between requests never shift later pages).
 */
export const readNewestFirstPage = async <T>(
  client: DynamoDBDocumentClient,
  query: NewestFirstQuery,
  page: PageRequest,
  toItem: (item: DynamoItem) => T,
  positionOf: (item: T) => ListingPosition,
): Promise<Page<T>> => {
  const limit = checkLimit(page.limit);
  const after = page.cursor === undefined ? undefined : cursorKey(page.cursor);
  const items = await queryUpTo(
    client,
    {
      TableName: query.tableName,
      IndexName: query.indexName,
      KeyConditionExpression: after === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :after',
      ExpressionAttributeNames: {
        '#pk': query.partitionKey.name,
        ...(after !== undefined && { '#sk': query.sortKeyName }),
      },
      ExpressionAttributeValues: { ':pk': query.partitionKey.value, ...(after !== undefined && { ':after': after }) },
      ScanIndexForward: false,
    },
    limit + 1,
  );
  const kept = items.slice(0, limit).map(toItem);
  const last = kept.at(-1);
  return {
    items: kept,
    nextCursor: items.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
};
