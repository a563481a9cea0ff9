import { DocentError, type ErrorCode } from '@docent/domain';
import { expect } from 'vitest';

/**
 * Asserts that `action` rejects (or throws) a DocentError with `code`, and returns the error for
 * further checks.
 */
export const expectDocentError = async (
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
): Promise<DocentError> => {
  let caught: unknown;
  let threw = false;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    caught = error;
    threw = true;
  }
  expect(threw, `expected a DocentError with code ${code}, but nothing was thrown`).toBe(true);
  expect(caught, `expected a DocentError with code ${code}`).toBeInstanceOf(DocentError);
  expect((caught as DocentError).code).toBe(code);
  return caught as DocentError;
};
