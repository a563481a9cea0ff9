import { ThrottlingException, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { DocentError } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { describeBedrockError } from './bedrock-errors.ts';

const withCode = (message: string, code: string, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe('describeBedrockError', () => {
  it('treats modeled throttling as transient and validation as final, quoting AWS', () => {
    const metadata = { httpStatusCode: 429, requestId: 'req-1' };
    const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: metadata });
    expect(describeBedrockError(throttled)).toEqual({
      retryable: true,
      message: 'ThrottlingException (HTTP 429): Rate exceeded',
      details: { awsError: 'ThrottlingException', status: 429, requestId: 'req-1' },
    });
    const invalid = new ValidationException({ message: 'Malformed input request', $metadata: { httpStatusCode: 400 } });
    expect(describeBedrockError(invalid)).toMatchObject({
      retryable: false,
      message: expect.stringContaining('Malformed'),
    });
  });

  it('judges unmodeled errors by status: 408, 429 and 5xx are transient, other 4xx are not', () => {
    const unmodeled = (status: number) =>
      Object.assign(new Error('unknown'), { name: 'UnknownError', $metadata: { httpStatusCode: status } });
    expect([408, 429, 500, 502, 400, 401, 413].map((s) => describeBedrockError(unmodeled(s)).retryable)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('treats socket failures as transient, also when wrapped in an HTTP/2 error', () => {
    const refused = withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED');
    const wrapped = withCode('The pending stream has been canceled', 'ERR_HTTP2_STREAM_CANCEL', refused);
    expect(describeBedrockError(refused).retryable).toBe(true);
    expect(describeBedrockError(wrapped)).toMatchObject({
      retryable: true,
      message: 'ERR_HTTP2_STREAM_CANCEL: The pending stream has been canceled',
    });
    expect(describeBedrockError(Object.assign(new Error('socket timeout'), { name: 'TimeoutError' })).retryable).toBe(
      true,
    );
  });

  it('does not retry missing credentials or unknown local errors', () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(describeBedrockError(noCredentials)).toMatchObject({ retryable: false });
    expect(describeBedrockError(withCode('bad', 'ERR_INVALID_ARG_TYPE')).retryable).toBe(false);
  });

  it('keeps the retryable flag and message of our own DocentErrors', () => {
    const cut = new DocentError('llm_failed', 'stream ended early', { retryable: true });
    expect(describeBedrockError(cut)).toEqual({ retryable: true, message: 'stream ended early', details: {} });
  });
});
