import { MAX_PAGE_LIMIT } from '@docent/domain';

/** Marks a route as requiring `Authorization: Bearer <token>` in the OpenAPI document. */
export const bearerSecurity = [{ bearerAuth: [] }];

/** Longest document id a request may name, in a path or a body: generated ids are far shorter. */
export const MAX_ID_LENGTH = 100;

/**
 * Query strings are not type-coerced, so numbers arrive as digit strings checked by pattern: 1 to the
 * domain's `MAX_PAGE_LIMIT` (a test holds the two together).
 */
export const paginationQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'string', pattern: '^(?:[1-9][0-9]?|100)$', description: `Page size, 1 to ${MAX_PAGE_LIMIT}.` },
    cursor: { type: 'string', minLength: 1, maxLength: 512, description: '`nextCursor` of the previous page.' },
  },
} as const;

/** The query string of a paginated list. */
export interface PaginationQuery {
  limit?: string;
  cursor?: string;
}

/** Path parameters of `/documents/:id` routes. */
export const documentIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH } },
} as const;

/** Validated `/documents/:id` path parameters. */
export interface DocumentIdParams {
  id: string;
}

/** An ISO-8601 timestamp. */
export const timestamp = { type: 'string', format: 'date-time' } as const;
