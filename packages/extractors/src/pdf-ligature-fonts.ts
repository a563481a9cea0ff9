import { OT1_LIGATURES } from './pdf-ligature-glyphs.ts';

/*
 * Reading a page's operator list costs about as much again as its text content (images are decoded
 * too), so it is only read for pages drawn in a font that can hide ligatures. pdf.js sends a font's
 * data to the main thread only while building an operator list, so a font is judged the first time
 * an operator list shows it; until then it counts as suspect.
 */

const OT1_CODES = Object.keys(OT1_LIGATURES).map((code) => code.charCodeAt(0));

/** The parts of pdf.js's exported font data (with `fontExtraProperties`) that the judgement reads. */
interface FontData {
  composite?: unknown;
  widths?: unknown;
  toUnicode?: unknown;
}

const field = (value: unknown, key: string | number): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;

/**
 * True when a simple font draws a glyph (has a width) at one of the OT1 ligature codes without a
 * text mapping for it, so that pdf.js names the glyph by the control code. The mapping is read from
 * pdf.js's `toUnicode._map`, an internal: if a release renames it, every font with glyphs there
 * counts as suspect, which costs time but loses no text. Anything but an object is suspect too.
 */
export const mayHideLigatures = (font: unknown): boolean => {
  if (typeof font !== 'object' || font === null) return true;
  const { composite, widths, toUnicode } = font as FontData;
  if (composite === true) return false;
  const mapped = field(toUnicode, '_map');
  return OT1_CODES.some((code) => {
    const text = field(mapped, code);
    return Number(field(widths, code) ?? 0) > 0 && (typeof text !== 'string' || text in OT1_LIGATURES);
  });
};

/** The judgement on each font of a document, by pdf.js's loaded font name. */
export class LigatureFonts {
  readonly #verdicts = new Map<string, boolean>();

  /**
   * True when a page drawn in `fontNames` must have its operator list read: one of the fonts may
   * hide ligatures, or has not been seen yet. `fonts` is the document's pdf.js `commonObjs`.
   */
  needOperators(
    fontNames: Iterable<string>,
    fonts: { has(name: string): boolean; get(name: string): unknown },
  ): boolean {
    let need = false;
    for (const name of fontNames) {
      let verdict = this.#verdicts.get(name);
      if (verdict === undefined && fonts.has(name)) {
        verdict = mayHideLigatures(fonts.get(name));
        this.#verdicts.set(name, verdict);
      }
      need ||= verdict ?? true;
    }
    return need;
  }
}
