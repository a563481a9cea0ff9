import { describe, expect, it } from 'vitest';
import { pdfBlocks } from './pdf-blocks.ts';
import type { PdfLine } from './pdf-lines.ts';

const line = (text: string, y: number, fontSize = 10, x = 72): PdfLine => ({ text, x, y, fontSize });

describe('pdfBlocks', () => {
  it('ranks larger type as higher headings and cuts paragraphs at gaps, indents and pages', () => {
    const blocks = pdfBlocks([
      {
        page: 1,
        lines: [
          line('Manual', 740, 20),
          line('Introduction', 700, 14),
          line('The first paragraph runs', 680),
          line('over two lines with compres-', 668),
          line('sion mended.', 656),
          line('After a wide gap.', 630),
          line('An indented first line', 618, 10, 90),
          line('and its second line.', 606),
        ],
      },
      { page: 2, lines: [line('continued on the next page.', 740)] },
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Manual', level: 1, page: 1 },
      { kind: 'heading', text: 'Introduction', level: 2, page: 1 },
      { kind: 'paragraph', text: 'The first paragraph runs\nover two lines with compression mended.', page: 1 },
      { kind: 'paragraph', text: 'After a wide gap.', page: 1 },
      { kind: 'paragraph', text: 'An indented first line\nand its second line.', page: 1 },
      { kind: 'paragraph', text: 'continued on the next page.', page: 2 },
    ]);
  });

  it('keeps a heading that wraps over two lines in one block', () => {
    const blocks = pdfBlocks([
      {
        page: 1,
        lines: [
          line('A long chapter title that', 700, 16),
          line('wraps', 681, 16),
          // Body size is the size carrying most characters, so the body needs more text than the title.
          ...['The body text carries', 'most of the characters', 'of this page.'].map((text, index) =>
            line(text, 650 - index * 12),
          ),
        ],
      },
    ]);
    expect(blocks[0]).toEqual({ kind: 'heading', text: 'A long chapter title that\nwraps', level: 1, page: 1 });
    expect(blocks).toHaveLength(2);
  });
});
