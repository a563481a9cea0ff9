import { DocentError } from '@docent/domain';
import { isNetworkFailure, isSocketErrorCode } from '../aws-error-facts.ts';
import { field } from './bedrock-payload.ts';

/** What went wrong in one attempt, in words and as data, and whether trying again may help. */
export interface BedrockFailure {
  retryable: boolean;
  /** The AWS error name and status with AWS's own message, e.g. `ValidationException (HTTP 400): ...`. */
  message: string;
  details: Record<string, unknown>;
}

// Bedrock's transient errors, as HTTP responses or as exceptions inside a response stream.
const TRANSIENT_ERRORS = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelStreamErrorException',
]);

// Transport failures (no HTTP answer at all) that a new connection may not hit. The SDK talks HTTP/2 to
// Bedrock, so socket errors usually arrive wrapped in an `ERR_HTTP2_*` error (stream cancelled, GOAWAY).
const isTransportCode = (code: unknown): boolean =>
  isSocketErrorCode(code) || (typeof code === 'string' && code.startsWith('ERR_HTTP2_'));

/**
 * Classifies an error of the AWS SDK (or of our own parsing): throttling, 408, 5xx, ModelNotReady,
 * model timeouts, stream errors and network failures are transient; everything else (ValidationException,
 * AccessDenied, ResourceNotFound, other 4xx, missing credentials) is not.
 */
export const describeBedrockError = (error: unknown): BedrockFailure => {
  if (error instanceof DocentError) return { retryable: error.retryable, message: error.message, details: {} };
  const name = error instanceof Error ? error.name : 'Error';
  const awsMessage = (error instanceof Error ? error.message : String(error)) || '(no message)';
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  const httpStatus = typeof status === 'number' ? status : undefined;
  const retryable =
    TRANSIENT_ERRORS.has(name) ||
    (httpStatus !== undefined && (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500)) ||
    (httpStatus === undefined && isNetworkFailure(error, isTransportCode));
  const code = field(error, 'code');
  const label = name === 'Error' && typeof code === 'string' ? code : name;
  const where = httpStatus === undefined ? label : `${label} (HTTP ${httpStatus})`;
  const requestId = field(metadata, 'requestId');
  return {
    retryable,
    message: `${where}: ${awsMessage}`,
    details: { awsError: name, status: httpStatus, ...(typeof requestId === 'string' ? { requestId } : {}) },
  };
};
