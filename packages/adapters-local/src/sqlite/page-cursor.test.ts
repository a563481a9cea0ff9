import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLimit, decodeCursor, encodeCursor } from './page-cursor.ts';

describe('page cursors', () => {
  it('property: decoding an encoded position gives it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.string(), (ms, id) => {
        expect(decodeCursor(encodeCursor({ ms, id }))).toEqual({ ms, id });
      }),
    );
  });

  it('rejects cursors it did not make with validation_failed', () => {
    for (const cursor of [
      '',
      'not-base64-json',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });

  it('accepts only positive integer limits', () => {
    expect(checkLimit(1)).toBe(1);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => checkLimit(limit)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});
