import { DocentError, isDocentError } from '@docent/domain';
import { awsErrorName, httpStatusOf, isTransientAwsError } from '../aws-error-facts.ts';

// SQS's names for "slow down and try again"; 5xx answers and timeouts are transient whatever their name.
const TRANSIENT_ERRORS = new Set([
  'RequestThrottled',
  'ThrottlingException',
  'KmsThrottled',
  'ServiceUnavailable',
  'InternalFailure',
  'TimeoutError',
]);

/**
 * Runs one SQS call, translating a failure at the boundary: throttling, 5xx and network failures
 * become retryable `unavailable`; anything else (a missing queue, access denied, a bad request) is
 * the deployment's fault and not retryable. The AWS error name and status go in `details`.
 */
export const withSqsErrors = async <T>(operation: string, action: () => Promise<T>): Promise<T> => {
  try {
    return await action();
  } catch (error) {
    if (isDocentError(error)) throw error;
    const awsError = awsErrorName(error);
    const status = httpStatusOf(error);
    throw new DocentError('unavailable', `SQS ${operation} failed: ${awsError}`, {
      retryable: isTransientAwsError(error, TRANSIENT_ERRORS),
      details: { operation, awsError, ...(status === undefined ? {} : { status }) },
      cause: error,
    });
  }
};
