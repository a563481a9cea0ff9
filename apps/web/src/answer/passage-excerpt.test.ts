import { describe, expect, it } from 'vitest';
import { citation, HANDBOOK_TEXT, source } from '../../test-support/fixtures.ts';
import type { Citation } from '../api/types.ts';
import {
  citationsInside,
  EXCERPT_CHARS,
  type PassageExcerpt,
  passageExcerpt,
  SHOWN_PASSAGES,
  shownSources,
  viewerSpan,
} from './passage-excerpt.ts';

const cited = (excerpt: PassageExcerpt) => excerpt.pieces.filter((piece) => piece.cited).map((piece) => piece.text);
const shown = (excerpt: PassageExcerpt) => excerpt.pieces.map((piece) => piece.text).join('');

/** A long passage starting at offset 1000 of its document, with one distinctive sentence in the middle. */
const filler = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');
const SENTENCE = 'The cited sentence sits here.';
const LONG_TEXT = `${filler(100)} ${SENTENCE} ${filler(100)}`;
const long = source({ charStart: 1000, charEnd: 1000 + LONG_TEXT.length, text: LONG_TEXT });
const citeIn = (text: string, quote: string, base = 1000): Citation =>
  citation({ charStart: base + text.indexOf(quote), charEnd: base + text.indexOf(quote) + quote.length, quote });

describe('citationsInside', () => {
  it('keeps the citations of the same document whose span lies within the passage', () => {
    const inside = citation();
    const otherDocument = citation({ documentId: 'doc-2' });
    const straddling = citation({ charStart: 40, charEnd: HANDBOOK_TEXT.length + 5 });
    expect(citationsInside(source({ charEnd: 50, text: HANDBOOK_TEXT.slice(0, 50) }), [inside, otherDocument])).toEqual(
      [inside],
    );
    expect(citationsInside(source(), [straddling])).toEqual([]);
  });
});

describe('shownSources', () => {
  it('shows the top passages and any lower-ranked one a citation lies in', () => {
    const sources = Array.from({ length: 10 }, (_, i) =>
      source({ rank: i + 1, chunkId: `c${i}`, charStart: i * 100, charEnd: i * 100 + 50 }),
    );
    expect(shownSources(sources, []).map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(SHOWN_PASSAGES).toBe(5);
    const inSeventh = citation({ charStart: 610, charEnd: 620 });
    expect(shownSources(sources, [inSeventh]).map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 7]);
  });
});

describe('passageExcerpt', () => {
  it('shows a short passage whole, with exactly the cited span as a cited piece', () => {
    const excerpt = passageExcerpt(source(), [citation()]);
    expect(excerpt).toEqual({
      pieces: [
        { text: 'Welcome to the team. ', cited: false },
        { text: 'Leave is 25 days a year', cited: true },
        { text: '. Requests go to HR.', cited: false },
      ],
      clippedStart: false,
      clippedEnd: false,
    });
  });

  it('merges overlapping citations and keeps separate or touching ones apart', () => {
    const excerpt = passageExcerpt(source(), [
      citation({ charStart: 30, charEnd: 44, quote: '25 days a year' }),
      citation(),
      citation({ charStart: 46, charEnd: 54, quote: 'Requests' }),
    ]);
    expect(cited(excerpt)).toEqual(['Leave is 25 days a year', 'Requests']);
    expect(shown(excerpt)).toBe(HANDBOOK_TEXT);
    const touching = passageExcerpt(source(), [citation(), citation({ charStart: 0, charEnd: 21 })]);
    expect(cited(touching)).toEqual(['Welcome to the team. ', 'Leave is 25 days a year']);
  });

  it('trims a long passage around the cited sentence, at word boundaries', () => {
    expect(LONG_TEXT.length).toBeGreaterThan(2 * EXCERPT_CHARS);
    const excerpt = passageExcerpt(long, [citeIn(LONG_TEXT, SENTENCE)]);
    expect(cited(excerpt)).toEqual([SENTENCE]);
    expect(excerpt.clippedStart).toBe(true);
    expect(excerpt.clippedEnd).toBe(true);
    const text = shown(excerpt);
    expect(text.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(text.length).toBeGreaterThan(EXCERPT_CHARS - 20);
    // Whole words only, with context on both sides of the sentence.
    expect(LONG_TEXT).toContain(` ${text} `);
    const before = text.indexOf(SENTENCE);
    expect(before).toBeGreaterThan(100);
    expect(text.length - before - SENTENCE.length).toBeGreaterThan(100);
  });

  it('never cuts a cited block longer than the excerpt', () => {
    const quote = LONG_TEXT.slice(LONG_TEXT.indexOf('word50 '), LONG_TEXT.indexOf(' word150'));
    expect(quote.length).toBeGreaterThan(EXCERPT_CHARS);
    const excerpt = passageExcerpt(long, [citeIn(LONG_TEXT, quote)]);
    expect(cited(excerpt)).toEqual([quote]);
    expect(shown(excerpt)).toBe(quote);
  });

  it('shows the start of a long passage that holds no citation', () => {
    const excerpt = passageExcerpt(long, []);
    expect(cited(excerpt)).toEqual([]);
    expect(excerpt.clippedStart).toBe(false);
    expect(excerpt.clippedEnd).toBe(true);
    expect(LONG_TEXT.startsWith(`${shown(excerpt)} `)).toBe(true);
  });

  it('keeps a citation at the very end of a long passage whole', () => {
    const end = long.charEnd;
    const excerpt = passageExcerpt(long, [citation({ charStart: end - 13, charEnd: end, quote: 'word98 word99' })]);
    expect(cited(excerpt)).toEqual(['word98 word99']);
    expect(excerpt.clippedEnd).toBe(false);
    expect(LONG_TEXT.endsWith(shown(excerpt))).toBe(true);
  });
});

describe('viewerSpan', () => {
  it('opens at the first cited span, or at the whole passage without one', () => {
    const first = citation();
    expect(viewerSpan(source(), [first, citation({ charStart: 46, charEnd: 54 })])).toBe(first);
    expect(viewerSpan(source({ page: undefined }), [])).toEqual({
      documentId: 'doc-1',
      documentName: 'handbook.pdf',
      charStart: 0,
      charEnd: HANDBOOK_TEXT.length,
      quote: HANDBOOK_TEXT,
    });
  });
});
