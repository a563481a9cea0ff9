/** One rule of the password policy and whether a password meets it. */
export interface PasswordRule {
  label: string;
  met: boolean;
}

// Mirrors packages/domain/src/auth/password-policy.ts so people see the rules while typing; the
// server stays the judge and its message is shown if the two ever disagree.
const RULES: ReadonlyArray<[string, (password: string) => boolean]> = [
  ['At least 8 characters', (p) => [...p].length >= 8],
  ['An upper-case letter', (p) => /\p{Lu}/u.test(p)],
  ['A lower-case letter', (p) => /\p{Ll}/u.test(p)],
  ['A digit', (p) => /\p{Nd}/u.test(p)],
];

/** Checks a password against every rule of the policy. */
export const checkPasswordRules = (password: string): PasswordRule[] =>
  RULES.map(([label, test]) => ({ label, met: test(password) }));
