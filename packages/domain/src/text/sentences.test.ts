import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsSentence, splitSentences } from './sentences.ts';

const slices = (text: string, maxChars?: number): string[] =>
  splitSentences(text, maxChars).map((r) => text.slice(r.start, r.end));

describe('splitSentences', () => {
  it('splits after terminal punctuation and at newlines, keeping exact offsets', () => {
    expect(slices('The default is -6. Use -9 for more!\nNAME xz (1) "Quoted." Next? yes')).toEqual([
      'The default is -6.',
      'Use -9 for more!',
      'NAME xz (1) "Quoted."',
      'Next?',
      'yes',
    ]);
  });

  it('does not split after abbreviations and initials', () => {
    expect(slices('Use a preset, e.g. -6 or i.e. the default. Then stop.')).toEqual([
      'Use a preset, e.g. -6 or i.e. the default.',
      'Then stop.',
    ]);
  });

  it('does not split inside numbers or file names', () => {
    expect(slices('Since 7.86.0 it works with file.txt too. Done.')).toEqual([
      'Since 7.86.0 it works with file.txt too.',
      'Done.',
    ]);
  });

  it('cuts an over-long sentence at word boundaries', () => {
    expect(slices('aaa bbb ccc ddd', 8)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(slices('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('property: sentences are ordered, disjoint, trimmed and cover every visible character', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', '.', '!', ' ', '\n', ')', '\t'), maxLength: 200 });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 50 }), (t, max) => {
        const ranges = splitSentences(t, max);
        let covered = 0;
        let last = 0;
        for (const r of ranges) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(r.end - r.start).toBeGreaterThan(0);
          expect(r.end - r.start).toBeLessThanOrEqual(max);
          expect(t.slice(r.start, r.end)).toBe(t.slice(r.start, r.end).trim());
          covered += t.slice(r.start, r.end).replace(/\s/gu, '').length;
          last = r.end;
        }
        expect(covered).toBe(t.replace(/\s/gu, '').length);
      }),
    );
  });
});

describe('endsSentence', () => {
  it('accepts closing brackets and quotes after the terminator', () => {
    expect(endsSentence('(see above.)', 12)).toBe(true);
    expect(endsSentence('see above', 9)).toBe(false);
  });
});
