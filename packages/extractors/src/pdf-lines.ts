/** The parts of a pdf.js text item that layout needs (pdf.js `TextItem`, structurally). */
export interface PdfTextItem {
  str: string;
  /** Text matrix [a, b, c, d, e, f]: e, f is the baseline origin, |(c, d)| the font size. */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** One visual line of a page in content order. */
export interface PdfLine {
  text: string;
  /** Left edge and baseline of the first visible glyph, in PDF units (y grows upwards). */
  x: number;
  y: number;
  /** The largest font size on the line. */
  fontSize: number;
}

// Items closer than this share of the font size are parts of one word; farther apart, a space is
// added unless pdf.js already emitted one.
const WORD_GAP = 0.25;
// A baseline jump of more than this share of the font size means a new line even without hasEOL.
const LINE_JUMP = 1;

interface OpenLine extends PdfLine {
  end: number;
}

const fontSizeOf = (item: PdfTextItem): number => {
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d) || item.height;
};

/** Groups a page's text items into lines, inserting spaces where glyphs are visibly apart. */
export const linesOfPage = (items: readonly PdfTextItem[]): PdfLine[] => {
  const lines: PdfLine[] = [];
  let line: OpenLine | undefined;
  const close = (): void => {
    if (line && line.text.trim() !== '') lines.push({ text: line.text, x: line.x, y: line.y, fontSize: line.fontSize });
    line = undefined;
  };
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = fontSizeOf(item);
    const visible = item.str.trim() !== '';
    if (line && visible && Math.abs(y - line.y) > LINE_JUMP * Math.max(size, line.fontSize)) close();
    if (item.str !== '') {
      if (!line) {
        line = { text: '', x, y, fontSize: 0, end: x };
      } else if (
        x - line.end > WORD_GAP * Math.max(size, line.fontSize) &&
        !/\s$/.test(line.text) &&
        !/^\s/.test(item.str)
      ) {
        line.text += ' ';
      }
      if (visible && line.text.trim() === '') {
        line.x = x;
        line.y = y;
      }
      line.text += item.str;
      if (visible) line.fontSize = Math.max(line.fontSize, size);
      line.end = x + item.width;
    }
    if (item.hasEOL) close();
  }
  close();
  return lines;
};
