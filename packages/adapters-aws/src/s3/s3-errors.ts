import { DocentError } from '@docent/domain';
import { awsErrorName, awsField, httpStatusOf, isTransientAwsError } from '../aws-error-facts.ts';

// S3's names for "slow down and try again"; 5xx answers and timeouts are transient whatever their name.
const TRANSIENT_ERRORS = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'TimeoutError',
]);

/** Whether S3 answered that the key holds no object (404 `NoSuchKey`). */
export const isNoSuchKey = (error: unknown): boolean => awsErrorName(error) === 'NoSuchKey';

/**
 * An S3 failure (after the SDK's own retries) as DocentError `unavailable`, retryable when transient.
 * The rest (AccessDenied, NoSuchBucket, a bad request) is `unavailable` too, but not retryable: the
 * deployment, not the moment, is wrong. AWS's error name, status and request id go in `details`.
 */
export const s3Failure = (error: unknown, operation: string): DocentError => {
  const awsError = awsErrorName(error);
  const status = httpStatusOf(error);
  const requestId = awsField(awsField(error, '$metadata'), 'requestId');
  const message = error instanceof Error && error.message !== '' ? error.message : awsError;
  return new DocentError(
    'unavailable',
    `S3 ${operation} failed: ${awsError}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    {
      retryable: isTransientAwsError(error, TRANSIENT_ERRORS),
      details: {
        operation,
        awsError,
        ...(status === undefined ? {} : { status }),
        ...(typeof requestId === 'string' ? { requestId } : {}),
      },
      cause: error,
    },
  );
};
