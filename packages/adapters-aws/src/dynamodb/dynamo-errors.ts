import { DocentError, isDocentError } from '@docent/domain';

// DynamoDB's answers that mean "not now": capacity, request-rate and account limits, server faults.
const TRANSIENT_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

// Transport failures: no HTTP answer at all, so a later attempt may well get one.
const NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

const httpStatusOf = (error: unknown): number | undefined => {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
};

const isNetworkFailure = (error: unknown): boolean => {
  // The SDK's HTTP handler renames socket and request timeouts to TimeoutError.
  if (field(error, 'name') === 'TimeoutError') return true;
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
    const code = field(cause, 'code');
    if (typeof code === 'string' && NETWORK_ERRORS.has(code)) return true;
  }
  return false;
};

/** True when a conditional write (or its condition alone) failed: the caller decides what that means. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Translates an AWS SDK error at the adapter boundary. Throttling (provisioned throughput, request
 * rate, account limits), 5xx and network failures become retryable `unavailable`; a condition that
 * no operation claimed becomes `conflict`; anything else (validation, missing table, access denied)
 * is a bug or a misconfiguration: `internal_error`. The AWS error name travels in `details`.
 */
export const toDynamoDocentError = (error: unknown, operation: string): DocentError => {
  if (isDocentError(error)) return error;
  const awsError = error instanceof Error ? error.name : 'Error';
  const status = httpStatusOf(error);
  const details = { operation, awsError, ...(status !== undefined && { status }) };
  if (TRANSIENT_ERRORS.has(awsError) || (status !== undefined && status >= 500) || isNetworkFailure(error)) {
    return new DocentError('unavailable', 'The database is busy or unreachable; try again shortly', {
      retryable: true,
      details,
      cause: error,
    });
  }
  if (isConditionalCheckFailed(error)) {
    return new DocentError('conflict', 'The item changed while it was being written', { details, cause: error });
  }
  return new DocentError('internal_error', `DynamoDB ${operation} failed: ${awsError}`, { details, cause: error });
};

/** Runs one repository operation, translating whatever it throws with `toDynamoDocentError`. */
export const withDynamoErrors = async <T>(operation: string, action: () => Promise<T>): Promise<T> => {
  try {
    return await action();
  } catch (error) {
    throw toDynamoDocentError(error, operation);
  }
};
