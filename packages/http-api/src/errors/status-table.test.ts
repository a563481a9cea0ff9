import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS } from './status-table.ts';

describe('ERROR_STATUS', () => {
  it('maps every stable code to the status of the API contract', () => {
    expect(ERROR_STATUS).toEqual({
      validation_failed: 400,
      invalid_json: 400,
      weak_password: 400,
      invalid_credentials: 401,
      unauthorized: 401,
      forbidden: 403,
      oidc_email_unverified: 403,
      account_unconfirmed: 403,
      not_found: 404,
      document_not_found: 404,
      request_timeout: 408,
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
      overloaded: 503,
      embedding_failed: 503,
    });
  });

  it('lists every code once for the OpenAPI error schema', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(ERROR_CODES).toHaveLength(Object.keys(ERROR_STATUS).length);
  });
});
