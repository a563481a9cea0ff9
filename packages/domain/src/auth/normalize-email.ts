import { DocentError } from '../errors.ts';

// Deliberately loose: one "@", no spaces, a dot in the domain. Deliverability is not ours to judge.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/u;
const MAX_EMAIL_LENGTH = 254;

/** Trims and lower-cases an email; throws `validation_failed` when it is not shaped like one. */
export const normalizeEmail = (email: string): string => {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(normalized)) {
    throw new DocentError('validation_failed', 'Enter a valid email address.', { details: { fields: ['email'] } });
  }
  return normalized;
};
