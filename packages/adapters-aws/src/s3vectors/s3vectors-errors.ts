import { DocentError } from '@docent/domain';
import { awsServiceFailure } from '../aws-error-facts.ts';

// S3 Vectors' names for "try again later"; 408, 429 and 5xx answers and timeouts are transient whatever their name.
const TRANSIENT_ERRORS = new Set([
  'TooManyRequestsException',
  'ServiceUnavailableException',
  'InternalServerException',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Runs one SDK call, translating its failure (see `awsServiceFailure`). */
export const callS3Vectors = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw error instanceof DocentError ? error : awsServiceFailure('S3 Vectors', error, operation, TRANSIENT_ERRORS);
  }
};
