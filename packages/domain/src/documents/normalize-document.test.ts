import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawDocument } from '../../test-support/raw-document-arbitrary.ts';
import { normalizeDocument, normalizeWhitespace } from './normalize-document.ts';

// The qa-dev README's normal form, written independently of the implementation: Python's
// `str.isspace()` characters, listed one by one.
const PY_SPACE = new Set([
  ...'\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
]);
const qaNormal = (s: string): string => {
  let out = '';
  let inSpace = false;
  for (const ch of s.normalize('NFKC')) {
    if (PY_SPACE.has(ch)) inSpace = true;
    else {
      out += (inSpace && out !== '' ? ' ' : '') + ch;
      inSpace = false;
    }
  }
  return out;
};

describe('normalizeWhitespace', () => {
  it('applies NFKC, collapses every whitespace kind and trims', () => {
    expect(normalizeWhitespace('  \ufb01le\u00a0name\t\r\n  x\u3000y\x1c\x85z ')).toBe('file name x y z');
  });

  it('keeps characters that JavaScript but not Python counts as whitespace', () => {
    expect(normalizeWhitespace('a\ufeffb')).toBe('a\ufeffb');
  });
});

describe('normalizeDocument', () => {
  it('joins non-empty blocks with newlines and records headings, pages and block offsets', () => {
    const doc = normalizeDocument({
      contentType: 'application/pdf',
      blocks: [
        { kind: 'heading', text: ' Intro ', level: 2, page: 1 },
        { kind: 'paragraph', text: 'First   line\nsecond.', page: 1 },
        { kind: 'paragraph', text: ' \n ', page: 2 },
        { kind: 'paragraph', text: 'Third.', page: 3 },
      ],
    });
    expect(doc.text).toBe('Intro\nFirst line second.\nThird.');
    expect(doc.blocks).toEqual([
      { charStart: 0, charEnd: 5 },
      { charStart: 6, charEnd: 24 },
      { charStart: 25, charEnd: 31 },
    ]);
    expect(doc.headings).toEqual([{ level: 2, text: 'Intro', charStart: 0, charEnd: 5 }]);
    expect(doc.pages).toEqual([
      { page: 1, charStart: 0, charEnd: 24 },
      { page: 3, charStart: 25, charEnd: 31 },
    ]);
  });

  it('marks pages read by OCR with the length-weighted confidence of their blocks', () => {
    const doc = normalizeDocument({
      contentType: 'application/pdf',
      blocks: [
        { kind: 'paragraph', text: 'Typed page.', page: 1 },
        { kind: 'paragraph', text: 'Scanned, sure', page: 2, ocr: { confidence: 90 } },
        { kind: 'paragraph', text: 'unsure', page: 2, ocr: { confidence: 40 } },
      ],
    });
    // 13 characters at 90 and 6 at 40: (1170 + 240) / 19 = 74.2.
    expect(doc.pages).toEqual([
      { page: 1, charStart: 0, charEnd: 11 },
      { page: 2, charStart: 12, charEnd: 32, ocr: { confidence: 74.2 } },
    ]);
  });

  it('gives an empty text for a document without visible characters', () => {
    const doc = normalizeDocument({ contentType: 'text/plain', blocks: [{ kind: 'paragraph', text: ' \t ' }] });
    expect(doc).toEqual({ text: '', pages: [], headings: [], blocks: [] });
  });

  it('defaults a heading without level to level 1', () => {
    const doc = normalizeDocument({ contentType: 'text/plain', blocks: [{ kind: 'heading', text: 'NAME' }] });
    expect(doc.headings).toEqual([{ level: 1, text: 'NAME', charStart: 0, charEnd: 4 }]);
  });

  it('property: every block, heading and page span slices back exactly', () => {
    fc.assert(
      fc.property(rawDocument, (raw) => {
        const doc = normalizeDocument(raw);
        const kept = raw.blocks.filter((b) => normalizeWhitespace(b.text) !== '');
        expect(doc.blocks.map((b) => doc.text.slice(b.charStart, b.charEnd))).toEqual(
          kept.map((b) => normalizeWhitespace(b.text)),
        );
        for (const h of doc.headings) expect(doc.text.slice(h.charStart, h.charEnd)).toBe(h.text);
        expect(doc.headings.map((h) => h.text)).toEqual(
          kept.filter((b) => b.kind === 'heading').map((b) => normalizeWhitespace(b.text)),
        );
        for (const p of doc.pages) {
          const onPage = kept.map((b, i) => ({ b, span: doc.blocks[i] })).filter(({ b }) => b.page === p.page);
          expect(p.charStart).toBe(onPage[0]?.span?.charStart);
          expect(p.charEnd).toBe(onPage.at(-1)?.span?.charEnd);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: no double spaces, no space beside a newline, no outer whitespace', () => {
    fc.assert(
      fc.property(rawDocument, (raw) => {
        const { text } = normalizeDocument(raw);
        expect(text).not.toMatch(/ {2}| \n|\n |\n\n|^[ \n]|[ \n]$/u);
      }),
      { numRuns: 300 },
    );
  });

  it('property: whitespace-normalising the text gives the qa-dev normal form of the blocks joined by spaces', () => {
    fc.assert(
      fc.property(rawDocument, (raw) => {
        const { text } = normalizeDocument(raw);
        expect(text.replaceAll('\n', ' ')).toBe(qaNormal(raw.blocks.map((b) => b.text).join(' ')));
      }),
      { numRuns: 300 },
    );
  });
});
