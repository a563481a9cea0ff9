import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocentError } from '../errors.ts';
import { normalizeEmail } from './normalize-email.ts';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.ORG \n')).toBe('ada.lovelace@example.org');
  });

  it.each([
    '',
    'ada',
    'ada@',
    '@example.org',
    'ada@example',
    'ada lovelace@example.org',
    'a@b@example.org',
    'ada@.org',
  ])('rejects %j with validation_failed', (email) => {
    expect(() => normalizeEmail(email)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('rejects addresses longer than 254 characters', () => {
    expect(() => normalizeEmail(`${'a'.repeat(250)}@example.org`)).toThrow(DocentError);
  });

  it('property: normalising is idempotent', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normalizeEmail(` ${email.toUpperCase()} `);
        expect(normalizeEmail(once)).toBe(once);
        expect(once).toBe(email.toLowerCase());
      }),
    );
  });
});
