import { describe, expect, it } from 'vitest';
import { ot1Text, textRun as run } from '../test-support/pdf-text-runs.ts';
import { restoreLigatures } from './pdf-ligature-restore.ts';
import { linesOfPage, type PdfTextItem } from './pdf-lines.ts';

const item = (str: string, x: number, width: number, y = 700, hasEOL = false): PdfTextItem => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width,
  height: 10,
  hasEOL,
});

const restored = (items: PdfTextItem[], ...runs: unknown[][]): string[] =>
  restoreLigatures(items, ot1Text(...runs)).map((entry) => entry.str);

describe('restoreLigatures', () => {
  it('writes a ligature after a word space into the whitespace item pdf.js made of it (gmpl.pdf page 61)', () => {
    // The items pdf.js gives for "an implicit field named RECNO" in CMR10 without a ToUnicode map.
    const items = [
      item('provides an implicit', 100, 90),
      item(' ', 190, 10.5),
      item('eld named', 200.5, 45),
      item(' ', 245.5, 4.4),
      item('RECNO', 250, 28),
    ];
    const repaired = restoreLigatures(
      items,
      ot1Text(run('provides', -333, 'an', -333, 'implicit', -333, '\feld', -333, 'named'), run('RECNO')),
    );
    expect(linesOfPage(repaired).map((line) => line.text)).toEqual(['provides an implicit field named RECNO']);
  });

  it('closes the gap inside a word and keeps the space after a word-final ligature', () => {
    expect(restored([item('speci ed as', 100, 60)], run('speci\fed', -333, 'as'))).toEqual(['specified as']);
    expect(restored([item('o', 100, 5), item(' ', 105, 9), item('the', 114, 15)], run('o\v', -333, 'the'))).toEqual([
      'o',
      'ff ',
      'the',
    ]);
  });

  it('puts a ligature that starts a line on that line, not at the end of the one before', () => {
    const items = [item('the', 100, 15, 700, true), item('rst line', 100, 40, 688)];
    expect(restored(items, run('the'), run('\frst', -333, 'line'))).toEqual(['the', 'first line']);
  });

  it('replaces the raw control characters pdf.js keeps for ffi and ffl', () => {
    expect(restored([item('e\u000ecient ba\u000fed', 100, 80)], run('e\u000ecient', -333, 'ba\u000fed'))).toEqual([
      'efficient baffled',
    ]);
  });

  it('finds its place when the operator list shows text the items lack', () => {
    const items = [item('the term is de ned here', 100, 110)];
    expect(restored(items, run('annotation text'), run('the term is de\fned here'))).toEqual([
      'the term is defined here',
    ]);
  });

  it('leaves the items alone where the characters around a ligature are nowhere to be found', () => {
    const items = [item('completely different', 100, 90), item('text', 200, 20)];
    const result = restoreLigatures(items, ot1Text(run('de\fned')));
    expect(result).toEqual(items);
    expect(result[0]).toBe(items[0]);
  });
});
