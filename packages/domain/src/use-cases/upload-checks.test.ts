import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFileName, sanitizeFileName } from './upload-checks.ts';

// Every bidi control Unicode defines, plus other invisible format characters and separators.
const BIDI_CONTROLS = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];
const OTHER_INVISIBLE = ['\u200b', '\u200d', '\u00ad', '\ufeff', '\u{e0041}', '\u2028', '\u2029'];

describe('sanitizeFileName', () => {
  it('removes a right-to-left override, so txt.exe cannot display as exe.txt', () => {
    expect(sanitizeFileName('invoice\u202etxt.exe')).toBe('invoicetxt.exe');
  });

  it.each([...BIDI_CONTROLS, ...OTHER_INVISIBLE])('removes U+%s', (character) => {
    expect(sanitizeFileName(`re${character}port.pdf`)).toBe('report.pdf');
  });

  it('keeps letters of right-to-left scripts and visible punctuation', () => {
    expect(sanitizeFileName('تقرير-2024 (final).pdf')).toBe('تقرير-2024 (final).pdf');
    expect(sanitizeFileName('שלום.txt')).toBe('שלום.txt');
  });

  it('rejects a name made only of invisible characters', () => {
    expect(() => checkFileName('\u202e\u200b\u2066')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('property: no control, format or separator character survives, and visible names pass unchanged', () => {
    const hidden = fc.constantFrom(...BIDI_CONTROLS, ...OTHER_INVISIBLE, '\u0000', '\u001f', '\u007f');
    const visible = fc.stringMatching(/^[\p{L}\p{N}_.() -]{1,40}$/u).filter((name) => name.trim() === name);
    fc.assert(
      fc.property(visible, fc.array(fc.tuple(fc.nat(), hidden), { maxLength: 6 }), (name, insertions) => {
        const characters = [...name];
        for (const [at, character] of insertions) characters.splice(at % (characters.length + 1), 0, character);
        const sanitized = sanitizeFileName(characters.join(''));
        expect(sanitized).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
        expect(sanitized).toBe(name);
      }),
    );
  });
});
