import { describe, expect, it } from 'vitest';
import type { DocentError } from '../errors.ts';
import { checkPasswordPolicy } from './password-policy.ts';

const failure = (password: string): DocentError | undefined => {
  try {
    checkPasswordPolicy(password);
    return undefined;
  } catch (error) {
    return error as DocentError;
  }
};

describe('checkPasswordPolicy', () => {
  it('accepts a password with length, both cases and a digit', () => {
    expect(failure('Correct7horse')).toBeUndefined();
  });

  it('names everything that is missing', () => {
    const error = failure('short');
    expect(error?.code).toBe('weak_password');
    expect(error?.details).toEqual({ missing: ['at least 8 characters', 'an upper-case letter', 'a digit'] });
    expect(error?.message).toBe('The password needs at least 8 characters, an upper-case letter, a digit.');
  });

  it.each([
    ['alllowercase1', 'an upper-case letter'],
    ['ALLUPPERCASE1', 'a lower-case letter'],
    ['NoDigitsHere', 'a digit'],
    ['Sh0rt', 'at least 8 characters'],
  ])('rejects %j for lacking %s', (password, rule) => {
    expect(failure(password)?.details).toEqual({ missing: [rule] });
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(failure('Ab1\u{1F600}\u{1F600}\u{1F600}\u{1F600}')?.details).toEqual({ missing: ['at least 8 characters'] });
  });

  it('rejects absurdly long passwords as invalid input', () => {
    expect(failure(`Aa1${'x'.repeat(300)}`)?.code).toBe('validation_failed');
  });
});
