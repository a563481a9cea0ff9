import { describe, expect, it } from 'vitest';
import { LigatureFonts, mayHideLigatures } from './pdf-ligature-fonts.ts';

// Shapes of pdf.js's exported font data (fontExtraProperties) as read from the qa PDFs.
const cmr10WithoutToUnicode = {
  composite: false,
  widths: { 11: 583.3, 12: 555.6, 13: 555.6 },
  toUnicode: { _map: [] },
};
const cmr10WithToUnicode = { ...cmr10WithoutToUnicode, toUnicode: { _map: { 11: 'ff', 12: 'fi', 13: 'fl' } } };
const timesRoman = { composite: false, widths: { 11: 0, 12: 0, 65: 722 }, toUnicode: { _map: { 65: 'A' } } };

describe('mayHideLigatures', () => {
  it('suspects a simple font that draws glyphs at OT1 ligature codes without text for them', () => {
    expect(mayHideLigatures(cmr10WithoutToUnicode)).toBe(true);
    expect(mayHideLigatures({ ...cmr10WithoutToUnicode, toUnicode: { renamedMap: [] } })).toBe(true);
    expect(mayHideLigatures({ ...cmr10WithoutToUnicode, toUnicode: { _map: { 12: '\f' } } })).toBe(true);
  });

  it('clears fonts that map those codes, draw nothing there, or are composite', () => {
    expect(mayHideLigatures(cmr10WithToUnicode)).toBe(false);
    expect(mayHideLigatures(timesRoman)).toBe(false);
    expect(mayHideLigatures({ ...cmr10WithoutToUnicode, composite: true })).toBe(false);
  });
});

describe('LigatureFonts', () => {
  it('asks for operators until every font of a page is known, and then only for suspect fonts', () => {
    const loaded = new Map<string, unknown>([['times', timesRoman]]);
    const fonts = new LigatureFonts();
    expect(fonts.needOperators(['times'], loaded)).toBe(false);
    expect(fonts.needOperators(['times', 'cmr10'], loaded)).toBe(true);
    loaded.set('cmr10', cmr10WithoutToUnicode);
    expect(fonts.needOperators(['cmr10'], loaded)).toBe(true);
    loaded.set('cmr10', timesRoman);
    expect(fonts.needOperators(['cmr10'], loaded)).toBe(true);
  });
});
