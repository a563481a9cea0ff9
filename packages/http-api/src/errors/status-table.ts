import type { ErrorCode } from '@docent/domain';

/**
 * The one table from a stable error code to its HTTP status. Every error response takes its
 * status from here, so a code always means the same status whichever layer raised it.
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  invalid_json: 400,
  weak_password: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  forbidden: 403,
  oidc_email_unverified: 403,
  account_unconfirmed: 403,
  not_found: 404,
  request_timeout: 408,
  document_not_found: 404,
  email_taken: 409,
  conflict: 409,
  directory_not_empty: 409,
  document_not_ready: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  empty_document: 422,
  encrypted_pdf: 422,
  extraction_failed: 422,
  binary_content: 422,
  backup_invalid: 422,
  // The upload itself was within limits (else 413): its content is too much to process.
  too_large: 422,
  extraction_timeout: 422,
  rate_limited: 429,
  too_many_attempts: 429,
  headers_too_large: 431,
  internal_error: 500,
  blob_missing: 500,
  llm_failed: 502,
  oidc_failed: 502,
  unavailable: 503,
  // Admission control refused the request; `retry-after` says when to come back.
  overloaded: 503,
  embedding_failed: 503,
};

/** Every stable code, for the OpenAPI error schema. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
