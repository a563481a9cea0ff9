import { MIN_PASSWORD_LENGTH } from '@docent/domain';
import type { PasswordPolicy } from 'aws-cdk-lib/aws-cognito';

/**
 * Cognito's password rules, matching the domain's `checkPasswordPolicy` (at least 8 characters with an
 * upper-case letter, a lower-case letter and a digit; no symbol required), so a password the API accepts
 * is never refused by the pool. test/cognito.test.ts checks the two agree.
 */
export const COGNITO_PASSWORD_POLICY = {
  minLength: MIN_PASSWORD_LENGTH,
  requireUppercase: true,
  requireLowercase: true,
  requireDigits: true,
  requireSymbols: false,
} as const satisfies PasswordPolicy;
