import { DocentError, isDocentError } from '@docent/domain';
import { httpStatusOf, isNetworkFailure } from '../aws-error-facts.ts';

// DynamoDB's answers that mean "not now": capacity, request-rate and account limits, server faults.
const TRANSIENT_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

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
