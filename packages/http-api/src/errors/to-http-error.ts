import { type ErrorCode, isDocentError } from '@docent/domain';
import { ERROR_STATUS } from './status-table.ts';

/** An error as the HTTP layer answers it. */
export interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
  /** Seconds for `retry-after`, set only for retryable errors. */
  retryAfterSeconds?: number;
  /** True for bugs (`internal_error`): logged at error level with the cause. */
  unexpected: boolean;
}

/** One validation problem as Ajv reports it (the fields Fastify passes through). */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Seconds a client should wait before retrying a retryable error when the domain gave no hint. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

const INTERNAL_MESSAGE = 'An unexpected error occurred';

/** Fastify and plugin errors have no stable code of ours; their status picks one. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  406: 'unsupported_media_type',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

const INVALID_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** Clearer words for Fastify's terse client errors. */
const MESSAGES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type: send application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_BAD_URL: 'The URL is malformed',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long',
};

const fromCode = (code: ErrorCode, message: string, retryable = false, retryAfter?: unknown): HttpError => {
  const error: HttpError = {
    status: ERROR_STATUS[code],
    code,
    message: code === 'internal_error' ? INTERNAL_MESSAGE : message,
    unexpected: code === 'internal_error',
  };
  if (retryable) {
    error.retryAfterSeconds =
      typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0
        ? Math.ceil(retryAfter)
        : DEFAULT_RETRY_AFTER_SECONDS;
  }
  return error;
};

const decodePointer = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** Names the offending field, e.g. `body.topK must be <= 50` or `body.email is required`. */
export const describeValidationIssue = (issue: ValidationIssue, context: string): string => {
  const path = [context, ...issue.instancePath.split('/').filter(Boolean).map(decodePointer)].join('.');
  switch (issue.keyword) {
    case 'required':
      return `${path}.${String(issue.params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${path}.${String(issue.params.additionalProperty)} is not allowed`;
    case 'pattern':
      return `${path} is not in the expected format`;
    default:
      return `${path} ${issue.message ?? 'is invalid'}`;
  }
};

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

/**
 * Turns anything thrown while serving a request into the error the client sees. Only DocentErrors
 * and Fastify's own client errors keep their message; anything else becomes `internal_error`.
 */
export const toHttpError = (thrown: unknown): HttpError => {
  if (isDocentError(thrown)) {
    return fromCode(thrown.code, thrown.message, thrown.retryable, thrown.details?.retryAfterSeconds);
  }
  const error = asRecord(thrown);
  if (error === null) return fromCode('internal_error', INTERNAL_MESSAGE);

  const validation = error.validation;
  if (Array.isArray(validation) && validation.length > 0) {
    const context = typeof error.validationContext === 'string' ? error.validationContext : 'request';
    return fromCode('validation_failed', describeValidationIssue(validation[0] as ValidationIssue, context));
  }
  if (typeof error.code === 'string' && INVALID_JSON_CODES.has(error.code)) {
    return fromCode('invalid_json', 'The request body is not valid JSON');
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const known = typeof error.code === 'string' ? MESSAGES[error.code] : undefined;
    const message =
      known ?? (typeof error.message === 'string' && error.message !== '' ? error.message : 'Bad request');
    return fromCode(CODE_BY_STATUS[status] ?? 'validation_failed', message);
  }
  return fromCode('internal_error', INTERNAL_MESSAGE);
};
