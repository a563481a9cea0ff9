import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateGoldSpans, locateSpan } from './gold-spans.ts';
import { collapseWhitespace, qaNormalise } from './qa-normal-form.ts';

describe('collapseWhitespace', () => {
  it('collapses runs to one space, trims, and maps every character back', () => {
    const text = '  ab \n\t c  d \u00a0';
    const { text: collapsed, offsets } = collapseWhitespace(text);
    expect(collapsed).toBe('ab c d');
    expect(offsets).toEqual([2, 3, 4, 8, 9, 11]);
  });

  it('agrees with the normal form on NFKC text, and every kept character is the original one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '\t', '\u00a0', '\u2003', 'x') }), (text) => {
        const { text: collapsed, offsets } = collapseWhitespace(text);
        expect(collapsed).toBe(qaNormalise(text));
        [...collapsed].forEach((c, i) => {
          if (c !== ' ') expect(text[offsets[i] as number]).toBe(c);
        });
      }),
    );
  });
});

describe('locateSpan', () => {
  // Docent's text: blocks joined with "\n"; the span crosses a block boundary.
  const text = 'Heading\nThe default compression\nlevel is six.';

  it("finds the span despite whitespace differences, as a range of Docent's text", () => {
    const range = locateSpan(collapseWhitespace(text), 'default  compression level\tis six');
    expect(range).toEqual({ start: 12, end: 44 });
    expect(text.slice(range?.start, range?.end)).toBe('default compression\nlevel is six');
  });

  it('returns null for a span the text does not hold (case-sensitive)', () => {
    expect(locateSpan(collapseWhitespace(text), 'Default compression')).toBeNull();
  });

  it('locates every span of every question in its own document, by id', () => {
    const located = locateGoldSpans(
      [
        { name: 'a.txt', text },
        { name: 'b.txt', text: 'six' },
      ],
      [
        { id: 'q1', kind: 'lookup', question: '?', spans: [{ doc: 'b.txt', text: 'six' }] },
        { id: 'q2', kind: 'unanswerable', question: '?', spans: [] },
        { id: 'q3', kind: 'lookup', question: '?', spans: [{ doc: 'missing.txt', text: 'six' }] },
      ],
    );
    expect(located.get('q1')).toEqual([{ doc: 'b.txt', text: 'six', range: { start: 0, end: 3 } }]);
    expect(located.get('q2')).toEqual([]);
    expect(located.get('q3')?.[0]?.range).toBeNull();
  });
});
