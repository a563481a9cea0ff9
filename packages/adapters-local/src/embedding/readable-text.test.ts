import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readableText } from './readable-text.ts';

/** The words and numbers of a text, in order: what an embedding of it must not lose. */
const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('readableText', () => {
  it('reads a table of contents line as its titles and page numbers', () => {
    expect(readableText('2.4. OPTIONS . . . . . . . . . . . 3\n2.5. MEMORY MANAGEMENT . . . . . . 5')).toBe(
      '2.4. OPTIONS . 3\n2.5. MEMORY MANAGEMENT . 5',
    );
    expect(readableText('Contents ........................ 7')).toBe('Contents . 7');
  });

  it('keeps one of each rule line, box drawing or run of a symbol', () => {
    expect(readableText('NAME\n-----\nxz, unxz')).toBe('NAME\n-\nxz, unxz');
    expect(readableText('┌──────┐\n│ cell │\n└──────┘')).toBe('┌─┐\n│ cell │\n└─┘');
    expect(readableText('wait... then ***stop***')).toBe('wait. then *stop*');
  });

  it('leaves words, numbers, whitespace, options and single or paired symbols as they are', () => {
    const text = 'Use -9 or --best (e.g. xz -k file.txt);\n\n  see §2, a == b, 1.2.3 and C++ or x->y.';
    expect(readableText(text)).toBe(text);
  });

  it('never drops, merges or reorders a word or number', () => {
    const pieces = fc.constantFrom('word', 'Zürich', '42', ' ', '\n', '.', ' .', '-', '=', '─', '…', '_', '\t', '日本');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(words(readableText(text))).toEqual(words(text));
      }),
    );
  });
});
