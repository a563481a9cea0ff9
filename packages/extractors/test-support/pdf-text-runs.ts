import { type ShownText, shownText } from '../src/pdf-ligature-glyphs.ts';

/**
 * A text run as pdf.js's operator list holds it (the argument of a showText operation): a glyph
 * object per character of each string, its code the character's own, and each number as it is (a
 * TJ adjustment in thousandths of an em, negative to the right).
 */
export const textRun = (...parts: (string | number)[]): unknown[] =>
  parts.flatMap<unknown>((part) =>
    typeof part === 'number'
      ? [part]
      : [...part].map((unicode) => ({ originalCharCode: unicode.charCodeAt(0), unicode, width: 500, isSpace: false })),
  );

/** Every OT1 ligature code, as a font like cmr10 without a ToUnicode map has them. */
export const ALL_OT1_CODES: ReadonlySet<number> = new Set([0x0b, 0x0c, 0x0d, 0x0e, 0x0f]);

/** The shown text of runs all drawn in such a font. */
export const ot1Text = (...runs: unknown[][]): ShownText =>
  shownText(
    runs.map((glyphs) => ({ font: 'cmr10', glyphs })),
    () => ALL_OT1_CODES,
  );
