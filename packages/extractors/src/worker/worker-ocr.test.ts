import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { failure } from '../../test-support/docent-failure.ts';
import { textImage } from '../../test-support/image-builder.ts';
import { scannedPdf } from '../../test-support/scanned-fixtures.ts';
import { WorkerTextExtractor } from './worker-text-extractor.ts';

/*
 * OCR inside the extraction worker: tesseract's threads start inside the worker thread, so the
 * worker's timeout ends them with it, and closing the extractor leaves no thread behind.
 */

const LINES = ['Delivery note 5520 for the', 'Bristol depot, signed by Ada Price.'];
const threads = (): number => readdirSync('/proc/self/task').length;
// Terminated threads leave the process shortly after terminate() resolves: wait until the count holds.
const settledThreads = async (): Promise<number> => {
  let last = -1;
  for (let polls = 0; polls < 50 && threads() !== last; polls++) {
    last = threads();
    await new Promise((done) => setTimeout(done, 200));
  }
  return threads();
};

describe('WorkerTextExtractor with OCR', () => {
  const extractor = new WorkerTextExtractor({ ocr: {}, maxWorkers: 1, timeoutSeconds: 60 });
  afterAll(() => extractor.close());

  it('lists and detects images only with OCR on', () => {
    const png = textImage(LINES, 'png');
    expect(extractor.detectType('note.png', png)).toBe('image/png');
    expect(extractor.formats.map((format) => format.label)).toContain('TIFF image');
    const plain = new WorkerTextExtractor();
    expect(plain.detectType('note.png', png)).toBeNull();
    expect(plain.formats.map((format) => format.label)).not.toContain('TIFF image');
  });

  it('reads an image in the worker, marked as OCR', async () => {
    const document = await extractor.extract(textImage(LINES, 'png'), 'image/png');
    expect(document.blocks.map((block) => block.text.replace(/\s+/g, ' '))).toEqual([LINES.join(' ')]);
    expect(document.blocks[0]?.ocr?.confidence).toBeGreaterThan(70);
  });

  it('ends a scan that runs past the timeout, tesseract with it, and serves the next file', async () => {
    const slow = new WorkerTextExtractor({ ocr: {}, maxWorkers: 1, timeoutSeconds: 0.5 });
    const pages = Array.from({ length: 20 }, (_, page) => ({ lines: [`Page ${page} of a long scan`, ...LINES] }));
    const error = await failure(slow.extract(scannedPdf(pages), 'application/pdf'));
    expect(error.code).toBe('extraction_timeout');
    const text = (await slow.extract(new TextEncoder().encode('after the timeout'), 'text/plain')).blocks[0]?.text;
    expect(text).toBe('after the timeout');
    await slow.close();
  });

  it('leaves no thread running once closed', async () => {
    const jpeg = textImage(LINES, 'jpeg');
    // The image read above also started threads that stay for the process (libuv's pool): count after it.
    await extractor.close();
    const base = await settledThreads();
    await extractor.extract(jpeg, 'image/jpeg');
    // The extraction worker and tesseract's worker inside it, at least.
    expect(threads()).toBeGreaterThanOrEqual(base + 2);
    await extractor.close();
    expect(await settledThreads()).toBe(base);
  });
});
