import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLimit, cursorKey, encodeCursor, listingKey, sortableInstant } from './dynamo-page.ts';

const instants = fc.date({
  min: new Date('0000-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const ids = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '-', '#', '0', '9'), maxLength: 6 });

describe('listing keys', () => {
  it('property: comparing keys compares instants first, then ids', () => {
    fc.assert(
      fc.property(instants, ids, instants, ids, (timeA, idA, timeB, idB) => {
        const a = listingKey(timeA.toISOString(), idA, 'at');
        const b = listingKey(timeB.toISOString(), idB, 'at');
        const expected = timeA.getTime() - timeB.getTime() || (idA === idB ? 0 : idA < idB ? -1 : 1);
        expect(Math.sign(a < b ? -1 : a > b ? 1 : 0)).toBe(Math.sign(expected));
      }),
    );
  });

  it('normalises offsets to UTC and refuses what it cannot sort', () => {
    expect(sortableInstant('2024-06-01T02:00:00+02:00', 'at')).toBe('2024-06-01T00:00:00.000Z');
    for (const bad of ['', 'now', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z']) {
      expect(() => sortableInstant(bad, 'at')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});

describe('page cursors', () => {
  it('property: a cursor stands for the listing key of its position', () => {
    fc.assert(
      fc.property(instants, fc.string(), (time, id) => {
        expect(cursorKey(encodeCursor({ time: time.toISOString(), id }))).toBe(
          listingKey(time.toISOString(), id, 'at'),
        );
      }),
    );
  });

  it('rejects cursors it did not make with validation_failed', () => {
    for (const cursor of [
      '',
      'not-base64-json',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1, "x"]').toString('base64url'),
      Buffer.from('["never", "x"]').toString('base64url'),
    ]) {
      expect(() => cursorKey(cursor)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });

  it('accepts only positive integer limits', () => {
    expect(checkLimit(3)).toBe(3);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => checkLimit(limit)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});
