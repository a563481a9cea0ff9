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

/** A glyph of a text run: its text, and the ligature it draws when it is one of the OT1 codes. */
interface Glyph {
  unicode: string;
  ligature: string | undefined;
}

const glyphOf = (element: unknown): Glyph | undefined => {
  if (typeof element !== 'object' || element === null || !('unicode' in element)) return undefined;
  const unicode = typeof element.unicode === 'string' ? element.unicode : '';
  const code = 'originalCharCode' in element ? element.originalCharCode : undefined;
  // pdf.js draws a code that has no glyph name in a non-embedded Type1 font as a space (its issue
  // 18059); such a space at an OT1 ligature code is the same loss.
  const named = unicode === ' ' && typeof code === 'number' ? String.fromCharCode(code) : unicode;
  return { unicode, ligature: OT1_LIGATURES[named] };
};

/** Walks from a ligature in `direction` over small kerns to the first thing that says space or not. */
const spaceBeside = (run: readonly unknown[], index: number, direction: 1 | -1): boolean | undefined => {
  for (let at = index + direction; at >= 0 && at < run.length; at += direction) {
    const element = run[at];
    if (typeof element === 'number') {
      if (-element > WORD_SPACE) return true;
      continue;
    }
    const glyph = glyphOf(element);
    if (glyph) return glyph.ligature === undefined && glyph.unicode !== '' && glyph.unicode.trim() === '';
  }
  return undefined;
};

/**
 * Reads the shown text of a page from its text runs: the argument arrays of pdf.js's `showText`
 * operations, where each element is a glyph object (with `unicode` and `originalCharCode`) or a
 * number (a TJ adjustment).
 */
export const shownText = (runs: Iterable<readonly unknown[]>): ShownText => {
  let chars = '';
  const ligatures: LigatureGlyph[] = [];
  for (const run of runs) {
    for (const [index, element] of run.entries()) {
      const glyph = glyphOf(element);
      if (glyph === undefined) continue;
      if (glyph.ligature === undefined) {
        chars += visibleForm(glyph.unicode);
        continue;
      }
      ligatures.push({
        at: chars.length,
        text: glyph.ligature,
        spaceBefore: spaceBeside(run, index, -1),
        spaceAfter: spaceBeside(run, index, 1),
      });
    }
  }
  return { chars, ligatures };
};

/** The text runs of an operator list: the glyph arrays of its `showText` operations. */
export function* textRuns(
  operators: { fnArray: readonly number[]; argsArray: readonly unknown[] },
  showText: number,
): Generator<readonly unknown[]> {
  for (const [index, fn] of operators.fnArray.entries()) {
    if (fn !== showText) continue;
    const args = operators.argsArray[index];
    const run = Array.isArray(args) ? args[0] : undefined;
    if (Array.isArray(run)) yield run;
  }
}
