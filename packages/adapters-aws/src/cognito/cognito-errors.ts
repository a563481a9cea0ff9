import { DocentError } from '@docent/domain';
import { awsErrorName, awsField, httpStatusOf, isTransientAwsError } from '../aws-error-facts.ts';

// Cognito's and DynamoDB's "slow down" and outage names; any 5xx or timeout is transient whatever its name.
const TRANSIENT_ERRORS = new Set([
  'TooManyRequestsException',
  'InternalErrorException',
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'TimeoutError',
]);

/** The AWS error name (`UsernameExistsException`), or `Error` for something that is not an AWS error. */
export { awsErrorName };

/** Builds the DocentError for one AWS error name, given the AWS error itself. */
export type ErrorTranslation = (error: unknown) => DocentError;

// What every Cognito call means the same way; callers add the meanings particular to one operation.
const COMMON: Readonly<Record<string, ErrorTranslation>> = {
  UsernameExistsException: (cause) =>
    new DocentError('email_taken', 'An account with this email already exists.', { cause }),
  AliasExistsException: (cause) =>
    new DocentError('email_taken', 'An account with this email already exists.', { cause }),
  InvalidPasswordException: (cause) =>
    new DocentError('weak_password', `The password does not meet the account policy: ${messageOf(cause)}`, { cause }),
  UserNotConfirmedException: (cause) =>
    new DocentError(
      'account_unconfirmed',
      'This account is not confirmed yet: enter the code sent to its email address, then sign in.',
      { cause },
    ),
  CodeMismatchException: (cause) =>
    new DocentError('validation_failed', 'The confirmation code is not correct.', { cause }),
  ExpiredCodeException: (cause) =>
    new DocentError('validation_failed', 'The confirmation code has expired; ask for a new one.', { cause }),
  LimitExceededException: (cause) =>
    new DocentError('rate_limited', 'Too many attempts for this account; try again later.', { retryable: true, cause }),
  TooManyFailedAttemptsException: (cause) =>
    new DocentError('rate_limited', 'Too many attempts for this account; try again later.', { retryable: true, cause }),
};

const messageOf = (error: unknown): string =>
  error instanceof Error && error.message !== '' ? error.message : awsErrorName(error);

/**
 * An AWS SDK failure (after the SDK's own retries) as a DocentError: `specific` translations for this
 * operation first, then the meanings common to Cognito, else `unavailable` (retryable when transient).
 * A failure that is neither known nor transient (AccessDenied, a missing pool or table) is `unavailable`
 * but not retryable: the deployment, not the moment, is wrong. AWS's name, status and request id go in `details`.
 */
export const awsFailure = (
  error: unknown,
  operation: string,
  specific: Readonly<Record<string, ErrorTranslation>> = {},
): DocentError => {
  const name = awsErrorName(error);
  const translate = specific[name] ?? COMMON[name];
  if (translate !== undefined) return translate(error);
  const status = httpStatusOf(error);
  const requestId = awsField(awsField(error, '$metadata'), 'requestId');
  return new DocentError(
    'unavailable',
    `${operation} failed: ${name}${status ? ` (HTTP ${status})` : ''}: ${messageOf(error)}`,
    {
      retryable: isTransientAwsError(error, TRANSIENT_ERRORS),
      details: {
        operation,
        awsError: name,
        ...(status === undefined ? {} : { status }),
        ...(typeof requestId === 'string' ? { requestId } : {}),
      },
      cause: error,
    },
  );
};
