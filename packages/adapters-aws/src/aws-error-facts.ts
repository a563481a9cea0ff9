import { DocentError } from '@docent/domain';

/** Reads `key` of an object of unknown shape (an SDK error, its metadata or cause). */
export const awsField = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The AWS error name (`ThrottlingException`), or `Error` for something that is not an AWS error. */
export const awsErrorName = (error: unknown): string => {
  const name = awsField(error, 'name');
  return typeof name === 'string' ? name : 'Error';
};

/** The HTTP status AWS answered with, when there was an answer. */
export const httpStatusOf = (error: unknown): number | undefined => {
  const status = awsField(awsField(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
};

// Socket failures before any HTTP answer; the SDK passes Node's error or wraps it as `cause`.
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Whether `code` is Node's code for a socket failure (reset, refused, timed out, DNS). */
export const isSocketErrorCode = (code: unknown): boolean => typeof code === 'string' && NETWORK_CODES.has(code);

/**
 * Whether the call failed before any HTTP answer: a timeout (the SDK's handlers rename socket and
 * request timeouts to `TimeoutError`) or a transport error code anywhere in the first few causes.
 * `isTransportCode` widens the codes (HTTP/2 clients add their own).
 */
export const isNetworkFailure = (
  error: unknown,
  isTransportCode: (code: unknown) => boolean = isSocketErrorCode,
): boolean => {
  if (awsField(error, 'name') === 'TimeoutError') return true;
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = awsField(cause, 'cause'), depth++) {
    if (isTransportCode(awsField(cause, 'code'))) return true;
  }
  return false;
};

/**
 * Whether the same call may succeed later: one of the service's `transientNames` (throttling, outage),
 * else any 408, 429 or 5xx answer, else a failure before any answer.
 */
export const isTransientAwsError = (error: unknown, transientNames: ReadonlySet<string>): boolean => {
  if (transientNames.has(awsErrorName(error))) return true;
  const status = httpStatusOf(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return isNetworkFailure(error);
};

/**
 * A failure of an AWS service call (after the SDK's own retries) as DocentError `unavailable`, retryable
 * when transient (one of `transientNames`, throttling, an outage, a timeout). The rest (AccessDenied, a
 * missing resource, a rejected request) is `unavailable` too but not retryable: the deployment, not the
 * moment, is wrong. AWS's error name, status and request id go in `details`.
 */
export const awsServiceFailure = (
  service: string,
  error: unknown,
  operation: string,
  transientNames: ReadonlySet<string>,
): DocentError => {
  const awsError = awsErrorName(error);
  const status = httpStatusOf(error);
  const requestId = awsField(awsField(error, '$metadata'), 'requestId');
  const message = error instanceof Error && error.message !== '' ? error.message : awsError;
  return new DocentError(
    'unavailable',
    `${service} ${operation} failed: ${awsError}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    {
      retryable: isTransientAwsError(error, transientNames),
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
