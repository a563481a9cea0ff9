import { DocentError } from '@docent/domain';

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** Builds the DocentError for one AWS error name, given the AWS error itself. */
export type ErrorTranslation = (error: unknown) => DocentError;

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

// Socket failures before any HTTP answer; the SDK passes Node's error or wraps it as `cause`.
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

/** The AWS error name (`UsernameExistsException`), or `Error` for something that is not an AWS error. */
export const awsErrorName = (error: unknown): string => {
  const name = field(error, 'name');
  return typeof name === 'string' ? name : 'Error';
};

// Whether the same call may succeed later: throttling, 408, 429, 5xx, timeouts, dropped connections.
const isTransientAwsError = (error: unknown): boolean => {
  const status = statusOf(error);
  if (TRANSIENT_ERRORS.has(awsErrorName(error))) return true;
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return isNetworkFailure(error);
};

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
  const status = statusOf(error);
  const requestId = field(field(error, '$metadata'), 'requestId');
  return new DocentError(
    'unavailable',
    `${operation} failed: ${name}${status ? ` (HTTP ${status})` : ''}: ${messageOf(error)}`,
    {
      retryable: isTransientAwsError(error),
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
