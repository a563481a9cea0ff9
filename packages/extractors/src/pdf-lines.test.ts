import { describe, expect, it } from 'vitest';
import { linesOfPage, type PdfTextItem } from './pdf-lines.ts';

const item = (str: string, x: number, y: number, width: number, hasEOL = false, size = 10): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
  height: size,
  hasEOL,
});

describe('linesOfPage', () => {
  it('joins touching items, spaces items that are visibly apart and breaks at EOL', () => {
    const lines = linesOfPage([
      item('Hel', 72, 700, 15),
      item('lo', 87, 700, 10),
      item('world', 100, 700, 25, true),
      item('', 72, 688, 0, true),
      item('Next', 72, 688, 20),
    ]);
    expect(lines).toEqual([
      { text: 'Hello world', x: 72, y: 700, fontSize: 10 },
      { text: 'Next', x: 72, y: 688, fontSize: 10 },
    ]);
  });

  it('starts a new line when the baseline jumps even without an EOL mark', () => {
    const lines = linesOfPage([item('Title', 72, 700, 40, false, 18), item('Body', 72, 660, 20)]);
    expect(lines.map((line) => [line.text, line.fontSize])).toEqual([
      ['Title', 18],
      ['Body', 10],
    ]);
  });

  it('keeps superscripts on their line and drops lines of spaces', () => {
    const lines = linesOfPage([item('x', 72, 700, 5), item('2', 77, 704, 4, true, 7), item('   ', 72, 680, 9, true)]);
    expect(lines).toEqual([{ text: 'x2', x: 72, y: 700, fontSize: 10 }]);
  });
});
