import { DocentError } from '@docent/domain';

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

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

// Socket failures before any HTTP answer; the SDK passes Node's error (or wraps it as `cause`).
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

const statusOf = (error: unknown): number | undefined => {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
};

const isNetworkFailure = (error: unknown): boolean => {
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
    const code = field(cause, 'code');
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  }
  return false;
};

/** Whether S3 answered that the key holds no object (404 `NoSuchKey`). */
export const isNoSuchKey = (error: unknown): boolean => field(error, 'name') === 'NoSuchKey';

/** Whether trying the same call later may succeed: throttling, 408, 429, 5xx, timeouts, dropped connections. */
const isTransientS3Error = (error: unknown): boolean => {
  const name = field(error, 'name');
  const status = statusOf(error);
  if (typeof name === 'string' && TRANSIENT_ERRORS.has(name)) return true;
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return isNetworkFailure(error);
};

/**
 * An S3 failure (after the SDK's own retries) as DocentError `unavailable`, retryable when transient.
 * The rest (AccessDenied, NoSuchBucket, a bad request) is `unavailable` too, but not retryable: the
 * deployment, not the moment, is wrong. AWS's error name, status and request id go in `details`.
 */
export const s3Failure = (error: unknown, operation: string): DocentError => {
  const name = field(error, 'name');
  const awsError = typeof name === 'string' ? name : 'Error';
  const status = statusOf(error);
  const requestId = field(field(error, '$metadata'), 'requestId');
  const message = error instanceof Error && error.message !== '' ? error.message : awsError;
  return new DocentError(
    'unavailable',
    `S3 ${operation} failed: ${awsError}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    {
      retryable: isTransientS3Error(error),
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
