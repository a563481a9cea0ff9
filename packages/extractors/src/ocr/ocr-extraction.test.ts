import { chunkDocument, normalizeDocument, type RawDocument } from '@docent/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/docent-failure.ts';
import { greyTextImage, textImage, tiffOf } from '../../test-support/image-builder.ts';
import { buildPdf } from '../../test-support/pdf-builder.ts';
import { longScannedPdf, scannedPdf } from '../../test-support/scanned-fixtures.ts';
import { DocumentExtractor } from '../document-extractor.ts';

/*
 * OCR through the in-process extractor, on scans and images drawn in the test set-up. One extractor
 * (so one tesseract worker, started once) serves every test that recognises text.
 */

const PAGE_ONE = ['The warehouse in Tilbury stores', 'forty-two crates of blue paint.'];
const PAGE_TWO = ['Invoice 7731 is payable to', 'Harbour Supplies within thirty days.'];
const PDF = 'application/pdf';

const pageText = (document: RawDocument, page: number): string =>
  document.blocks
    .filter((block) => block.page === page)
    .map((block) => block.text)
    .join(' ')
    .replace(/\s+/g, ' ');

describe('OCR extraction', () => {
  const extractor = new DocumentExtractor({ ocr: {} });
  afterAll(() => extractor.close());

  it('reads a scanned PDF page by page, marking every block as OCR with its confidence', async () => {
    const document = await extractor.extract(scannedPdf([{ lines: PAGE_ONE }, { lines: PAGE_TWO }]), PDF);
    expect(document.pageCount).toBe(2);
    expect(pageText(document, 1)).toBe(PAGE_ONE.join(' '));
    expect(pageText(document, 2)).toBe(PAGE_TWO.join(' '));
    for (const block of document.blocks) {
      expect(block.ocr?.confidence).toBeGreaterThan(70);
      expect(block.ocr?.confidence).toBeLessThanOrEqual(100);
    }
  });

  it('keeps citations exact on OCR pages: pages, chunks and quotes are spans of the normalised text', async () => {
    const text = normalizeDocument(
      await extractor.extract(scannedPdf([{ lines: PAGE_ONE }, { lines: PAGE_TWO }]), PDF),
    );
    expect(text.pages.map(({ page, ocr }) => ({ page, ocr: ocr !== undefined }))).toEqual([
      { page: 1, ocr: true },
      { page: 2, ocr: true },
    ]);
    const chunks = chunkDocument(text, { maxChars: 60, targetChars: 40, overlapChars: 10 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(text.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    const quote = 'Harbour Supplies';
    const at = text.text.indexOf(quote);
    const page = text.pages.find((span) => span.charStart <= at && at < span.charEnd);
    expect(page?.page).toBe(2);
    expect(text.text.slice(at, at + quote.length)).toBe(quote);
  });

  it('reads a page whose text layer is only a stamp, and keeps the stamp, which the scan shows', async () => {
    const document = await extractor.extract(scannedPdf([{ lines: PAGE_ONE, stamp: 'p. 1' }]), PDF);
    expect(pageText(document, 1)).toContain('Tilbury');
    expect(document.blocks.every((block) => block.ocr !== undefined)).toBe(true);
  });

  it('leaves a page with a real text layer to that layer, even over an image', async () => {
    // 60 characters on a 7 x 1 inch page: well above one character per square inch.
    const stamp = 'This text layer holds the real words of the page, not a scan';
    const document = await extractor.extract(scannedPdf([{ lines: PAGE_ONE, stamp }]), PDF);
    expect(document.blocks).toEqual([{ kind: 'paragraph', text: stamp, page: 1 }]);
  });

  it('reads PNG, JPEG and WebP uploads as one-page documents', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const bytes = textImage(PAGE_TWO, format);
      const type = extractor.detectType(`scan.${format}`, bytes) ?? '';
      expect(type).toBe(`image/${format}`);
      const document = await extractor.extract(bytes, type);
      expect(document).toMatchObject({ contentType: type, pageCount: 1 });
      expect(pageText(document, 1)).toBe(PAGE_TWO.join(' '));
      expect(document.blocks.every((block) => block.ocr !== undefined)).toBe(true);
    }
  });

  it('reads each page of a multi-page TIFF as a page', async () => {
    const tiff = tiffOf([greyTextImage(['First page of the fax']), greyTextImage(['Second page of the fax'])]);
    const document = await extractor.extract(tiff, 'image/tiff');
    expect(document.pageCount).toBe(2);
    expect([pageText(document, 1), pageText(document, 2)]).toEqual(['First page of the fax', 'Second page of the fax']);
  });

  it('refuses a 300-page scan with too_large before recognising any page', async () => {
    const pdf = longScannedPdf(300, PAGE_ONE);
    const error = await failure(extractor.extract(pdf, PDF));
    expect(error.code).toBe('too_large');
    expect(error.details).toEqual({ limit: 'ocrMaxPages' });
    expect(error.message).toBe(
      'The document has 21 or more pages to read by OCR, more than the limit of 20 (setting DOCENT_OCR_MAX_PAGES).',
    );
  });

  it('refuses an image past the pixel limit from its header, and a damaged image', async () => {
    const small = new DocumentExtractor({ ocr: { maxMegapixels: 1 } });
    const error = await failure(small.extract(textImage(PAGE_ONE, 'png', 6000), 'image/png'));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe(
      'The image is 6,000 x 192 pixels, more than the limit of 1 megapixels (setting DOCENT_OCR_MAX_MEGAPIXELS).',
    );
    const png = textImage(PAGE_ONE, 'png');
    const damaged = png.slice(0, 40);
    expect((await failure(extractor.extract(damaged, 'image/png'))).code).toBe('extraction_failed');
  });

  it('without OCR, refuses images at detection and finds no text in a scan', async () => {
    const plain = new DocumentExtractor();
    expect(plain.detectType('scan.png', textImage(PAGE_ONE, 'png'))).toBeNull();
    expect(plain.formats.map((format) => format.contentType)).not.toContain('image/png');
    expect(extractor.formats.map((format) => format.contentType)).toContain('image/png');
    expect((await failure(plain.extract(scannedPdf([{ lines: PAGE_ONE }]), PDF))).code).toBe('empty_document');
    // A typed PDF reads the same with OCR on: no page of it is a scan.
    const typed = buildPdf([['A typed page with enough words to be a real text layer of a page.']]);
    expect(await extractor.extract(typed, PDF)).toEqual(await plain.extract(typed, PDF));
  });
});
