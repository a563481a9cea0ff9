import { describe, expect, it } from 'vitest';
import { ALL_OT1_CODES, ot1Text, textRun as run } from '../test-support/pdf-text-runs.ts';
import { shownText, textRuns } from './pdf-ligature-glyphs.ts';

describe('shownText', () => {
  it('takes the OT1 ligature codes out of the visible characters, noting where they stood', () => {
    const shown = ot1Text(run('implicit', -333, '\feld'), run('speci\fed'));
    expect(shown.chars).toBe('impliciteldspecied');
    expect(shown.ligatures).toEqual([
      { at: 8, text: 'fi', spaceBefore: true, spaceAfter: false },
      { at: 16, text: 'fi', spaceBefore: false, spaceAfter: false },
    ]);
  });

  it('maps every OT1 code, and leaves the side unknown at the edge of a run', () => {
    const shown = ot1Text(run('\va\rb\x0ec\x0f'));
    expect(shown.chars).toBe('abc');
    expect(shown.ligatures.map(({ text, spaceBefore, spaceAfter }) => [text, spaceBefore, spaceAfter])).toEqual([
      ['ff', undefined, false],
      ['fl', false, false],
      ['ffi', false, false],
      ['ffl', false, undefined],
    ]);
  });

  it('counts a space glyph or a wide TJ move as a word space and steps over letter kerns', () => {
    const shown = ot1Text(run('of', 28, '\v', -28, ' the'), run('a', -400, '\v', -250, 'b'));
    expect(shown.ligatures.map(({ spaceBefore, spaceAfter }) => [spaceBefore, spaceAfter])).toEqual([
      [false, true],
      [true, true],
    ]);
  });

  it('reads the space pdf.js puts at an OT1 code of a non-embedded font as that ligature, not a real space', () => {
    const shown = ot1Text([...run('a'), { originalCharCode: 12, unicode: ' ' }, ...run('le of', -333, 'x')]);
    expect(shown.chars).toBe('aleofx');
    expect(shown.ligatures).toEqual([{ at: 1, text: 'fi', spaceBefore: false, spaceAfter: false }]);
  });

  it('keeps glyphs at those codes as pdf.js reads them in fonts without ligature codes, or where pdf.js has a letter', () => {
    const runs = [
      { font: 'cmmi10', glyphs: run('\va+\fb') },
      { font: 'cmr10', glyphs: [...run('x'), { originalCharCode: 12, unicode: 'β' }] },
    ];
    const shown = shownText(runs, (font) => (font === 'cmr10' ? ALL_OT1_CODES : new Set()));
    expect(shown).toEqual({ chars: 'a+bxβ', ligatures: [] });
  });

  it('compares characters in NFKC without whitespace or format marks, as pdf.js text items carry them', () => {
    expect(ot1Text(run('ﬁ\u00a0x\u200by ²')).chars).toBe('fixy2');
  });
});

describe('textRuns', () => {
  it('yields the glyph arrays of showText operations with the font set for them, saved and restored', () => {
    const ops = { showText: 44, setFont: 37, save: 10, restore: 11 };
    const [a, b, c] = [run('a'), run('b'), run('c')];
    const operators = {
      fnArray: [37, 44, 10, 37, 44, 11, 44, 45],
      argsArray: [['F1', 10], [a], null, ['F2', 12], [b], null, [c], [c]],
    };
    expect([...textRuns(operators, ops)]).toEqual([
      { font: 'F1', glyphs: a },
      { font: 'F2', glyphs: b },
      { font: 'F1', glyphs: c },
    ]);
  });
});
