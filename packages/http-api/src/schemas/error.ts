import { ERROR_CODES } from '../errors/status-table.ts';

/** The shared error body schema; every route lists it for each error status it can answer. */
export const errorResponseSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: ERROR_CODES, description: 'Stable machine-readable code.' },
        message: { type: 'string', description: 'Human-readable explanation; may change.' },
        requestId: { type: 'string', description: 'Also sent as the `x-request-id` header.' },
      },
    },
  },
} as const;

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (`validation_failed`, `invalid_json`, `weak_password`)',
  401: 'Missing, malformed, expired or revoked bearer token, or wrong credentials',
  404: 'No such route, or no such document for this user',
  409: 'Conflicts with the current state (`document_not_ready`, `conflict`)',
  413: 'The upload exceeds the size limit',
  415: 'Unsupported request or file content type',
  422: 'The file cannot be processed',
  429: 'Too many attempts (`too_many_attempts`, `rate_limited`); wait the seconds `retry-after` gives',
  503: 'A dependency is temporarily unavailable (`unavailable`), or too many questions are waiting (`overloaded`); see `retry-after`',
  500: 'Unexpected error; the request id identifies it in the logs',
};

/** Error responses for the given statuses, plus 500, which any route can answer. */
export const errorResponses = (...statuses: number[]): Record<number, object> =>
  Object.fromEntries(
    [...statuses, 500].map((status) => [
      status,
      { description: DESCRIPTIONS[status] ?? 'Error', $ref: 'ErrorResponse#' },
    ]),
  );
