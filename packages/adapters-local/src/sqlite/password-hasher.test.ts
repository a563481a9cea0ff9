import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hasher.ts';

const CHEAP = { N: 2 ** 8, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (password, other) => {
          const stored = await hashPassword(password, CHEAP);
          expect(await verifyPassword(password, stored)).toBe(true);
          if (other.normalize('NFC') !== password.normalize('NFC'))
            expect(await verifyPassword(other, stored)).toBe(false);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('salts every hash, and keeps its parameters so stronger defaults leave old hashes valid', async () => {
    const first = await hashPassword('same password', CHEAP);
    const second = await hashPassword('same password', CHEAP);
    expect(first).not.toBe(second);
    expect(first).not.toContain('same password');
    expect(first.split('$').slice(0, 4)).toEqual(['scrypt', '256', '8', '1']);
    expect(await verifyPassword('same password', second)).toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$salt$hash']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });
});
