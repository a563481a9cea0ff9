import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines } from './dehyphenate.ts';

describe('joinLines', () => {
  it.each([
    [['compres-', 'sion is fast'], 'compression is fast'],
    [['a soft\u00ad', 'ware'], 'a software'],
    [['the end-of-', 'stream marker'], 'the end-of-stream marker'],
    [['a 32-', 'bit value'], 'a 32-bit value'],
    [['SHA-', '256 hashes'], 'SHA-256 hashes'],
    [['see bzip2-', 'manual'], 'see bzip2-manual'],
    [['use --', 'in place'], 'use --\nin place'],
    [['a dash -', 'here'], 'a dash -\nhere'],
    [['plain line', '  next line  '], 'plain line\nnext line'],
    [['encryp-', 'tion/decryption'], 'encryption/decryption'],
  ])('joins %j as %j', (lines, joined) => {
    expect(joinLines(lines)).toBe(joined);
  });

  it('removes nothing but white space and line-end hyphens', () => {
    const strip = (text: string): string => text.replace(/[\s\-\u00ad\u2010]+/g, '');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (lines) => {
        expect(strip(joinLines(lines))).toBe(strip(lines.join('')));
      }),
    );
  });
});
