import { OT1_LIGATURES } from './pdf-ligature-glyphs.ts';

/*
 * Which codes of a font are hidden OT1 ligatures. Codes 0x0B-0x0F mean other things in TeX's other
 * encodings (Greek letters in the math italic fonts, bullets and circles in the symbol fonts,
 * arrows and Spanish marks in typewriter fonts), so a code counts only when the font draws a glyph
 * there, gives it no text, and the glyph is as wide as its letters set side by side (ligatures are
 * a little narrower: fi is 555.6 units in cmr10, f and i 583.4; alpha in cmmi10 is 640 against
 * 980 for ff). Reading a page's operator list costs about as much again as its text content, so it
 * is only read for pages drawn in a font with such codes. pdf.js sends a font's data to the main
 * thread only while building an operator list: a font is judged the first time one shows it.
 */

const OT1_CODES = Object.keys(OT1_LIGATURES).map((code) => code.charCodeAt(0));
// Ligature width over the width of its letters: 0.92 to 0.98 in the Computer Modern text fonts.
const MIN_RATIO = 0.85;
const MAX_RATIO = 1.05;

const field = (value: unknown, key: string | number): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;

const widthAt = (widths: unknown, code: number): number => {
  const width = Number(field(widths, code) ?? 0);
  return Number.isFinite(width) ? width : 0;
};

/**
 * The OT1 ligature codes of a font, from pdf.js's exported font data (`fontExtraProperties`):
 * simple fonts only, whose every glyph at 0x0B-0x0F is as wide as its letters (one that is not
 * says another encoding: 8r puts a minus at 0x0C, about as wide as f and i in Times, but a breve
 * at 0x0B, half as wide as ff); of those codes, the ones without a text mapping. The mapping is
 * pdf.js's `toUnicode._map`, an internal: if a release renames it, a code counts as unmapped and
 * pdf.js's own text for the glyph (a letter, if it has one) keeps it from being rewritten (see
 * `shownText`).
 */
export const ligatureCodes = (font: unknown): ReadonlySet<number> => {
  const codes = new Set<number>();
  if (field(font, 'composite') === true) return codes;
  const widths = field(font, 'widths');
  const mapped = field(field(font, 'toUnicode'), '_map');
  for (const code of OT1_CODES) {
    const width = widthAt(widths, code);
    const letterWidths = [...(OT1_LIGATURES[String.fromCharCode(code)] ?? '')].map((letter) =>
      widthAt(widths, letter.charCodeAt(0)),
    );
    // No glyph here, or no letters to compare with (a subset without them): nothing to judge.
    if (width <= 0 || letterWidths.some((letterWidth) => letterWidth <= 0)) continue;
    const ratio = width / letterWidths.reduce((sum, letterWidth) => sum + letterWidth, 0);
    if (ratio < MIN_RATIO || ratio > MAX_RATIO) return new Set();
    const text = field(mapped, code);
    if (typeof text !== 'string' || text in OT1_LIGATURES) codes.add(code);
  }
  return codes;
};

/** The ligature codes of each font of a document, by pdf.js's loaded font name. */
export class LigatureFonts {
  readonly #codes = new Map<string, ReadonlySet<number>>();

  /** The font's ligature codes, or undefined while pdf.js has not sent the font (`fonts` is its `commonObjs`). */
  codesOf(
    name: string,
    fonts: { has(name: string): boolean; get(name: string): unknown },
  ): ReadonlySet<number> | undefined {
    let codes = this.#codes.get(name);
    if (codes === undefined && fonts.has(name)) {
      codes = ligatureCodes(fonts.get(name));
      this.#codes.set(name, codes);
    }
    return codes;
  }

  /** True when a page drawn in `fontNames` must have its operator list read: a font is unknown or has ligature codes. */
  needOperators(
    fontNames: Iterable<string>,
    fonts: { has(name: string): boolean; get(name: string): unknown },
  ): boolean {
    for (const name of fontNames) {
      const codes = this.codesOf(name, fonts);
      if (codes === undefined || codes.size > 0) return true;
    }
    return false;
  }
}
