import { DocentError, isDocentError } from '@docent/domain';

// Primary SQLite result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CONSTRAINT = 19;

interface SqliteFailure {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
  message: string;
}

const isSqliteFailure = (error: unknown): error is SqliteFailure =>
  error instanceof Error && (error as Partial<SqliteFailure>).code === 'ERR_SQLITE_ERROR';

/** True when a SQLite call failed on a UNIQUE or PRIMARY KEY constraint. */
export const isConstraintViolation = (error: unknown): boolean =>
  isSqliteFailure(error) && (error.errcode & 0xff) === SQLITE_CONSTRAINT;

/**
 * Turns whatever a SQLite call threw into a DocentError at the adapter boundary: lock contention and
 * disk trouble may pass (retryable `unavailable`), anything else is a bug or corruption (`internal_error`).
 */
export const toDocentError = (error: unknown): DocentError => {
  if (isDocentError(error)) return error;
  if (isSqliteFailure(error)) {
    const primary = error.errcode & 0xff;
    if (primary === SQLITE_BUSY || primary === SQLITE_LOCKED) {
      return new DocentError('unavailable', 'The database is busy', { retryable: true, cause: error });
    }
    if (primary === SQLITE_FULL || primary === SQLITE_IOERR) {
      return new DocentError('unavailable', 'The database could not write to disk', { retryable: true, cause: error });
    }
  }
  return new DocentError('internal_error', 'A database operation failed', { cause: error });
};
