import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBearer } from './auth-hook.ts';

const tokenChar = fc.constantFrom(...'ABCXYZabcxyz0189-._~+/'.split(''));
const token = fc.string({ unit: tokenChar, minLength: 1, maxLength: 200 });

describe('parseBearer', () => {
  it('returns the token of any well-formed bearer header, whatever the scheme case', () => {
    fc.assert(
      fc.property(token, fc.constantFrom('Bearer', 'bearer', 'BEARER'), (value, scheme) => {
        expect(parseBearer(`${scheme} ${value}`)).toBe(value);
        expect(parseBearer(`${scheme} ${value}==`)).toBe(`${value}==`);
      }),
    );
  });

  it('rejects missing, other-scheme and malformed headers', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Token abc',
      'Bearer a b',
      'Bearer "abc"',
      'Bearer a,b',
      'Bearerabc',
      `Bearer ${'a'.repeat(5000)}`,
    ]) {
      expect(parseBearer(header), String(header)).toBeNull();
    }
  });
});
