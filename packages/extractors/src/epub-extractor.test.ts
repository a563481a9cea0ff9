import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, failureCode, formatFixture } from '../test-support/format-fixtures.ts';
import { detectType } from './detect-type.ts';
import { extractEpub } from './epub-extractor.ts';

const chapter = (title: string, text: string) =>
  strToU8(
    `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${title}</title></head><body><p>${text}</p></body></html>`,
  );

/** An EPUB whose spine order differs from its manifest and member order. */
const reordered = (): Uint8Array =>
  zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<container><rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/book.opf': strToU8(
      '<package xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><dc:title>Two Tides</dc:title></metadata>' +
        '<manifest><item id="a" href="text/a%20one.xhtml" media-type="application/xhtml+xml"/>' +
        '<item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/>' +
        '<item id="css" href="style.css" media-type="text/css"/></manifest>' +
        '<spine><itemref idref="b"/><itemref idref="a"/></spine></package>',
    ),
    'OEBPS/text/a one.xhtml': chapter('Ebb', 'The ebb tide uncovers the causeway.'),
    'OEBPS/text/b.xhtml': chapter('Flood', 'The flood tide covers it again.'),
    'OEBPS/style.css': strToU8('p { margin: 0 }'),
  });

describe('extractEpub', () => {
  it('is detected by its mimetype member and container, whatever its name says', () => {
    expect(detectType('book.epub', formatFixture('book.epub'))).toBe('application/epub+zip');
    expect(detectType('book.zip', formatFixture('book.epub'))).toBe('application/epub+zip');
  });

  it('reads the pandoc book chapter by chapter, chapter titles as headings', () => {
    const document = extractEpub(formatFixture('book.epub'));
    expect(document.title).toBe('The Cartographer’s Apprentice');
    expectSpansInOrder(document, [
      'The Harbour Map',
      'Mira copied the harbour map by candlelight, marking every sandbar in red ink.',
      'The Mountain Survey',
      'measured its height as 2,914 metres with a borrowed theodolite.',
      'The River Atlas',
      'bound in green goatskin.',
    ]);
    const headings = document.blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
    expect(headings).toEqual(expect.arrayContaining(['The Harbour Map', 'The Mountain Survey', 'The River Atlas']));
  });

  it('follows the spine, not the manifest, and heads a chapter without a heading with its title', () => {
    const document = extractEpub(reordered());
    expect(document.title).toBe('Two Tides');
    expect(document.blocks.map((block) => `${block.kind}: ${block.text}`)).toEqual([
      'heading: Flood',
      'paragraph: The flood tide covers it again.',
      'heading: Ebb',
      'paragraph: The ebb tide uncovers the causeway.',
    ]);
  });

  it('reports a book without a container file as extraction_failed', async () => {
    const broken = zipSync({ mimetype: strToU8('application/epub+zip'), 'x.xhtml': strToU8('<html/>') });
    expect(await failureCode(() => extractEpub(broken))).toBe('extraction_failed');
  });
});
