import { describe, expect, it } from 'vitest';
import { LigatureFonts, ligatureCodes } from './pdf-ligature-fonts.ts';

// Shapes of pdf.js's exported font data (fontExtraProperties), widths as in the qa PDFs' fonts.
const letters = { 102: 305.6, 105: 277.8, 108: 277.8 };
const cmr10 = {
  composite: false,
  widths: { ...letters, 11: 583.3, 12: 555.6, 13: 555.6, 14: 833.3, 15: 833.3 },
  toUnicode: { _map: { 11: 'ﬀ' } },
};
const cmmi10 = {
  composite: false,
  widths: { 11: 640, 12: 566, 13: 518, 14: 444, 15: 406, 102: 490, 105: 345, 108: 298 },
};
const cmtt10 = {
  composite: false,
  widths: Object.fromEntries([11, 12, 13, 14, 15, 102, 105, 108].map((code) => [code, 525])),
};

describe('ligatureCodes', () => {
  it('finds the unmapped codes whose glyphs are as wide as their letters', () => {
    expect([...ligatureCodes(cmr10)]).toEqual([12, 13, 14, 15]);
    expect([...ligatureCodes({ ...cmr10, toUnicode: { renamedMap: [] } })]).toEqual([11, 12, 13, 14, 15]);
  });

  it('finds none in math italic or typewriter fonts, composite fonts, or fonts mapping those codes', () => {
    expect(ligatureCodes(cmmi10).size).toBe(0);
    expect(ligatureCodes(cmtt10).size).toBe(0);
    expect(ligatureCodes({ ...cmr10, composite: true }).size).toBe(0);
    expect(
      ligatureCodes({
        ...cmr10,
        toUnicode: { _map: ['', '', '', '', '', '', '', '', '', '', '', 'ff', 'fi', 'fl', 'ffi', 'ffl'] },
      }).size,
    ).toBe(0);
  });

  it('finds none in a font where one glyph at those codes is not as wide as its letters (8r: breve, minus)', () => {
    const timesIn8r = {
      composite: false,
      widths: { 11: 333, 12: 564, 14: 611, 15: 444, 102: 333, 105: 278, 108: 278 },
    };
    expect(ligatureCodes(timesIn8r).size).toBe(0);
  });

  it('finds none when the letters have no width to compare with (a subset without them, or no data)', () => {
    expect(ligatureCodes({ ...cmr10, widths: { 12: 555.6 } }).size).toBe(0);
    expect(ligatureCodes(undefined).size).toBe(0);
  });
});

describe('LigatureFonts', () => {
  it('asks for operators until every font of a page is known, and then only for fonts with ligature codes', () => {
    const loaded = new Map<string, unknown>([['cmtt10', cmtt10]]);
    const fonts = new LigatureFonts();
    expect(fonts.needOperators(['cmtt10'], loaded)).toBe(false);
    expect(fonts.needOperators(['cmtt10', 'cmr10'], loaded)).toBe(true);
    loaded.set('cmr10', cmr10);
    expect(fonts.needOperators(['cmr10'], loaded)).toBe(true);
    expect([...(fonts.codesOf('cmr10', loaded) ?? [])]).toEqual([12, 13, 14, 15]);
  });
});
