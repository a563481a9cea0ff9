import { DocentError, type ErrorCode } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS } from './status-table.ts';
import { describeValidationIssue, toHttpError } from './to-http-error.ts';

const fastifyError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? '')), fields);

describe('toHttpError', () => {
  it('answers every DocentError with its code, message and the status from the table', () => {
    for (const code of ERROR_CODES.filter((c) => c !== 'internal_error')) {
      const error = toHttpError(new DocentError(code, `because ${code}`));
      expect(error).toMatchObject({ status: ERROR_STATUS[code], code, message: `because ${code}`, unexpected: false });
      expect(error.retryAfterSeconds).toBeUndefined();
    }
  });

  it('never leaks the message of an unexpected error', () => {
    fc.assert(
      fc.property(fc.string(), (secret) => {
        for (const thrown of [
          new Error(secret),
          new DocentError('internal_error', secret),
          secret,
          { message: secret },
        ]) {
          const error = toHttpError(thrown);
          expect(error).toEqual({
            status: 500,
            code: 'internal_error',
            message: 'An unexpected error occurred',
            unexpected: true,
          });
        }
      }),
    );
  });

  it('asks retryable errors to retry later, honouring a hint in seconds', () => {
    expect(toHttpError(new DocentError('unavailable', 'down', { retryable: true })).retryAfterSeconds).toBe(5);
    const hinted = new DocentError('rate_limited', 'slow down', {
      retryable: true,
      details: { retryAfterSeconds: 1.2 },
    });
    expect(toHttpError(hinted)).toMatchObject({ status: 429, retryAfterSeconds: 2 });
    expect(toHttpError(new DocentError('unavailable', 'down')).retryAfterSeconds).toBeUndefined();
  });

  it('names the failing field of a schema validation error', () => {
    const error = toHttpError(
      fastifyError({
        statusCode: 400,
        code: 'FST_ERR_VALIDATION',
        validationContext: 'body',
        validation: [
          { keyword: 'type', instancePath: '/topK', params: { type: 'integer' }, message: 'must be integer' },
        ],
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'body.topK must be integer' });
  });

  it('maps Fastify client errors to stable codes', () => {
    const cases: Array<[Record<string, unknown>, ErrorCode, number]> = [
      [{ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }, 'invalid_json', 400],
      [{ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 }, 'invalid_json', 400],
      [{ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }, 'unsupported_media_type', 415],
      [{ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE', statusCode: 406 }, 'unsupported_media_type', 415],
      [{ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 'payload_too_large', 413],
      [{ code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 }, 'validation_failed', 400],
      [{ code: 'SOMETHING_ODD', statusCode: 418, message: 'teapot' }, 'validation_failed', 400],
      [{ code: 'FST_ERR_BAD_STATUS', statusCode: 502 }, 'internal_error', 500],
    ];
    for (const [fields, code, status] of cases) {
      expect(toHttpError(fastifyError(fields)), JSON.stringify(fields)).toMatchObject({ code, status });
    }
  });
});

describe('describeValidationIssue', () => {
  it('says which property is missing or not allowed', () => {
    const required = { keyword: 'required', instancePath: '', params: { missingProperty: 'email' } };
    const extra = { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'admin' } };
    expect(describeValidationIssue(required, 'body')).toBe('body.email is required');
    expect(describeValidationIssue(extra, 'body')).toBe('body.admin is not allowed');
  });

  it('decodes JSON pointer escapes in nested paths', () => {
    const issue = { keyword: 'type', instancePath: '/documentIds/2/a~1b', params: {}, message: 'must be string' };
    expect(describeValidationIssue(issue, 'body')).toBe('body.documentIds.2.a/b must be string');
  });
});
