import type { DocentError } from '@docent/domain';
import { awsErrorName, awsServiceFailure } from '../aws-error-facts.ts';

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
 * The rest (AccessDenied, NoSuchBucket, a bad request) is `unavailable` too, but not retryable.
 */
export const s3Failure = (error: unknown, operation: string): DocentError =>
  awsServiceFailure('S3', error, operation, TRANSIENT_ERRORS);
