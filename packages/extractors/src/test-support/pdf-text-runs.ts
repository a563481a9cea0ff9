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
