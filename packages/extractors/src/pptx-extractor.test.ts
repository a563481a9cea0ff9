import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, failureCode, formatFixture } from '../test-support/format-fixtures.ts';
import { detectType } from './detect-type.ts';
import { extractPptx } from './pptx-extractor.ts';

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const deck = formatFixture('slides.pptx');

describe('extractPptx (pandoc deck)', () => {
  it('is detected by its members, whatever its name says', () => {
    expect(detectType('slides.pptx', deck)).toBe(PPTX);
    expect(detectType('slides.zip', deck)).toBe(PPTX);
    expect(detectType('slides.docx', deck)).toBe(PPTX);
  });

  it('reads every slide in order with its notes, the slide number as the page', async () => {
    const document = extractPptx(deck);
    expect(document.pageCount).toBe(4);
    expect(document.title).toBe('Lighthouse Keeping Basics');
    const pages = expectSpansInOrder(document, [
      'Lighthouse Keeping Basics',
      'The Lamp Room',
      'The Fresnel lens in the lamp room must be polished every Tuesday with chamois leather.',
      'the brass fittings in the lamp room are cleaned with vinegar, never with ammonia.',
      'The diaphone sounds two blasts every sixty seconds in fog.',
      'The fog log is kept in the blue ledger beside the radio.',
      'Keepers change the night watch at three bells',
    ]);
    expect(pages).toEqual([1, 2, 2, 2, 3, 3, 4]);
    const headings = document.blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
    expect(headings).toEqual(['Lighthouse Keeping Basics', 'The Lamp Room', 'Fog Signals', 'Night Watch']);
  });

  it('reports a damaged deck as extraction_failed', async () => {
    expect(await failureCode(() => extractPptx(deck.slice(0, deck.length / 2)))).toBe('extraction_failed');
  });
});
