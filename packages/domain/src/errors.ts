/**
 * Stable error codes. Clients and the HTTP layer rely on these strings: never rename one,
 * only add. The HTTP status for each lives in one table in `@docent/http-api`.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'weak_password'
  | 'email_taken'
  | 'invalid_credentials'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'document_not_found'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'headers_too_large'
  | 'request_timeout'
  | 'empty_document'
  | 'encrypted_pdf'
  | 'extraction_failed'
  | 'binary_content'
  | 'too_large'
  | 'extraction_timeout'
  | 'embedding_failed'
  | 'llm_failed'
  | 'rate_limited'
  | 'too_many_attempts'
  | 'conflict'
  | 'document_not_ready'
  | 'unavailable'
  | 'overloaded'
  | 'oidc_failed'
  | 'oidc_email_unverified'
  | 'account_unconfirmed'
  | 'backup_invalid'
  | 'directory_not_empty'
  | 'blob_missing'
  | 'internal_error';

export interface DocentErrorOptions {
  /** True when the same call may succeed later (throttling, a transient outage). */
  retryable?: boolean;
  /** Extra machine-readable context, e.g. the failing field names. Never secrets. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error type of Docent: a stable `code`, a human `message` and a `retryable` flag. */
export class DocentError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: DocentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocentError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }
}

export const isDocentError = (value: unknown): value is DocentError => value instanceof DocentError;
