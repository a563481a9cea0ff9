import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.ts';

const withHeader = (value: string | string[] | undefined) =>
  ({ headers: { 'x-request-id': value } }) as unknown as IncomingMessage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it('keeps a sane incoming id so traces join up', () => {
    expect(requestIdFor(withHeader('trace-1.2:3_ABC'))).toBe('trace-1.2:3_ABC');
  });

  it('replaces a missing, long or unsafe id with a fresh UUID', () => {
    for (const value of [undefined, '', 'a'.repeat(65), 'has space', '<script>', 'x\u00e9', ['a', 'b']]) {
      expect(requestIdFor(withHeader(value)), String(value)).toMatch(UUID);
    }
  });

  it('only ever answers a short token that is safe to echo in a header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (value) => {
        expect(requestIdFor(withHeader(value))).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      }),
    );
  });
});
