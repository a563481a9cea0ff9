import { DocentError } from '../errors.ts';

/** The fewest characters a password may have. */
export const MIN_PASSWORD_LENGTH = 8;
// Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
const MAX_PASSWORD_LENGTH = 256;

const RULES: ReadonlyArray<[string, (password: string) => boolean]> = [
  [`at least ${MIN_PASSWORD_LENGTH} characters`, (p) => [...p].length >= MIN_PASSWORD_LENGTH],
  ['an upper-case letter', (p) => /\p{Lu}/u.test(p)],
  ['a lower-case letter', (p) => /\p{Ll}/u.test(p)],
  ['a digit', (p) => /\p{Nd}/u.test(p)],
];

/**
 * Checks a new password: at least 8 characters with an upper-case letter, a lower-case letter and
 * a digit. Throws `weak_password` naming everything missing (listed in `details.missing`).
 */
export const checkPasswordPolicy = (password: string): void => {
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new DocentError('validation_failed', `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`, {
      details: { fields: ['password'] },
    });
  }
  const missing = RULES.filter(([, ok]) => !ok(password)).map(([rule]) => rule);
  if (missing.length > 0) {
    throw new DocentError('weak_password', `The password needs ${missing.join(', ')}.`, { details: { missing } });
  }
};
