import { DocentError, isDocentError } from '@docent/domain';
import type { ErrorData } from './ask-worker-protocol.ts';

/** An error as data that crosses a thread: a `DocentError` keeps its code; anything else is `internal_error`. */
export const toErrorData = (error: unknown): ErrorData =>
  isDocentError(error)
    ? {
        code: error.code,
        message: error.message,
        retryable: error.retryable,
        ...(error.details === undefined ? {} : { details: error.details }),
      }
    : { code: 'internal_error', message: error instanceof Error ? error.message : String(error), retryable: false };

/** The `DocentError` an `ErrorData` describes. */
export const fromErrorData = (data: ErrorData): DocentError =>
  new DocentError(data.code, data.message, {
    retryable: data.retryable,
    ...(data.details === undefined ? {} : { details: data.details }),
  });
