/*
 * TeX's OT1 encoding puts the ligatures ff, fi, fl, ffi, ffl at codes 0x0B-0x0F. A PDF whose fonts
 * use it without a ToUnicode map (most pdfTeX output with Computer Modern) leaves pdf.js nothing
 * better than the code itself as the glyph's text: "\f" for fi. Its text content then takes
 * \v \f \r for whitespace ("implicit eld" for "implicit field") and keeps 0x0E, 0x0F as raw control
 * characters (or, for a font that is not embedded, draws and names them as spaces). The operator
 * list still has every glyph with its code in content-stream order; this module reads
 * from it where each such ligature sits among the page's visible characters.
 */

/** What each control code stands for in OT1. */
export const OT1_LIGATURES: Readonly<Record<string, string>> = {
  '\u000b': 'ff',
  '\u000c': 'fi',
  '\u000d': 'fl',
  '\u000e': 'ffi',
  '\u000f': 'ffl',
};

/** A ligature glyph that pdf.js could only name by its control code, and what stands beside it. */
export interface LigatureGlyph {
  /** How many visible characters of the page's shown text come before it. */
  at: number;
  /** The letters it draws, e.g. "fi". */
  text: string;
  /** Whether a word space separates it from the glyph before it; undefined at the start of a text run. */
  spaceBefore: boolean | undefined;
  /** Whether a word space separates it from the glyph after it; undefined at the end of a text run. */
  spaceAfter: boolean | undefined;
}

/** The visible characters a page's text operators show, with the ligatures taken out of them. */
export interface ShownText {
  /** Every non-whitespace character, NFKC-normalised, in content-stream order; ligatures excluded. */
  chars: string;
  /** The ligatures, in content-stream order. */
  ligatures: LigatureGlyph[];
}

// A text-run adjustment moving the pen right by more than this (thousandths of an em) is a word
// space, as TeX writes one; kerns between letters stay under about a tenth of an em.
const WORD_SPACE = 200;
const INVISIBLE = /[\s\p{Cf}]/gu;

/** The characters of `text` that both pdf.js's text items and the shown text compare by: NFKC, visible only. */
export const visibleForm = (text: string): string => text.normalize('NFKC').replace(INVISIBLE, '');

/** The glyph array of one pdf.js `showText` operation and the loaded name of the font it is drawn in. */
export interface TextRun {
  font: string | undefined;
  glyphs: readonly unknown[];
}

/** A glyph of a text run: its text, and the ligature it draws when it is one of the font's OT1 codes. */
interface Glyph {
  unicode: string;
  ligature: string | undefined;
}

const glyphOf = (element: unknown, codes: ReadonlySet<number> | undefined): Glyph | undefined => {
  if (typeof element !== 'object' || element === null || !('unicode' in element)) return undefined;
  const unicode = typeof element.unicode === 'string' ? element.unicode : '';
  const code = 'originalCharCode' in element ? element.originalCharCode : undefined;
  // pdf.js's text for such a glyph is the control code, or a space when the font is not embedded
  // (its issue 18059); any other text is pdf.js's own reading, kept.
  const lost = unicode in OT1_LIGATURES || unicode.trim() === '';
  const ligature =
    typeof code === 'number' && codes?.has(code) && lost ? OT1_LIGATURES[String.fromCharCode(code)] : undefined;
  return { unicode, ligature };
};

/** Walks from a ligature in `direction` over small kerns to the first thing that says space or not. */
const spaceBeside = (
  run: readonly unknown[],
  index: number,
  direction: 1 | -1,
  codes: ReadonlySet<number> | undefined,
): boolean | undefined => {
  for (let at = index + direction; at >= 0 && at < run.length; at += direction) {
    const element = run[at];
    if (typeof element === 'number') {
      if (-element > WORD_SPACE) return true;
      continue;
    }
    const glyph = glyphOf(element, codes);
    if (glyph) return glyph.ligature === undefined && glyph.unicode !== '' && glyph.unicode.trim() === '';
  }
  return undefined;
};

/**
 * Reads the shown text of a page from its text runs, where each element is a glyph object (with
 * `unicode` and `originalCharCode`) or a number (a TJ adjustment). `codesOf` gives the OT1 ligature
 * codes of a font (see pdf-ligature-fonts.ts); glyphs at other codes are text as pdf.js reads them.
 */
export const shownText = (
  runs: Iterable<TextRun>,
  codesOf: (font: string) => ReadonlySet<number> | undefined,
): ShownText => {
  let chars = '';
  const ligatures: LigatureGlyph[] = [];
  for (const { font, glyphs } of runs) {
    const codes = font === undefined ? undefined : codesOf(font);
    for (const [index, element] of glyphs.entries()) {
      const glyph = glyphOf(element, codes);
      if (glyph === undefined) continue;
      if (glyph.ligature === undefined) {
        chars += visibleForm(glyph.unicode);
        continue;
      }
      ligatures.push({
        at: chars.length,
        text: glyph.ligature,
        spaceBefore: spaceBeside(glyphs, index, -1, codes),
        spaceAfter: spaceBeside(glyphs, index, 1, codes),
      });
    }
  }
  return { chars, ligatures };
};

/** pdf.js operator numbers (its `OPS`) that `textRuns` follows. */
export interface RunOperators {
  showText: number;
  setFont: number;
  save: number;
  restore: number;
}

/**
 * The text runs of an operator list in order, each with its font: `setFont` changes it, and like
 * the rest of the graphics state it is saved and restored with `save` and `restore`.
 */
export function* textRuns(
  operators: { fnArray: readonly number[]; argsArray: readonly unknown[] },
  ops: RunOperators,
): Generator<TextRun> {
  let font: string | undefined;
  const saved: (string | undefined)[] = [];
  for (const [index, fn] of operators.fnArray.entries()) {
    const args = operators.argsArray[index];
    const first = Array.isArray(args) ? args[0] : undefined;
    if (fn === ops.setFont) font = typeof first === 'string' ? first : undefined;
    else if (fn === ops.save) saved.push(font);
    else if (fn === ops.restore) font = saved.pop() ?? font;
    else if (fn === ops.showText && Array.isArray(first)) yield { font, glyphs: first };
  }
}
