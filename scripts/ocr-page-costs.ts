/**
 * What reading one scanned page costs, three ways, on a letter page scanned at 200 dpi (1,700 x 2,200
 * JPEG, 30 lines of 11-point text):
 * - render 300: pdf.js renders the page at 300 dpi on @napi-rs/canvas, PNG-encoded, then tesseract;
 * - render native: the same at the scan's own resolution (what the extractor does);
 * - extract: the page's image XObject as pdf.js decodes it (operator list, `paintImageXObject`),
 *   PNG-encoded at its own resolution, then tesseract.
 * Prints CPU ms per page of each stage (process.cpuUsage, all threads, so load-insensitive) and the
 * share of the page's words recognised exactly.
 *
 *   node --conditions=docent-source scripts/ocr-page-costs.ts [--pages 3]
 */
import { parseArgs } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { createIsomorphicCanvasFactory, getResolvedPDFJS } from 'unpdf';
import { OcrEngine } from '../packages/extractors/src/ocr/ocr-engine.ts';
import { renderPageImage } from '../packages/extractors/src/pdf-page-image.ts';
import { pageImageDpi } from '../packages/extractors/src/pdf-scanned-pages.ts';
import { jpegComponents } from '../packages/extractors/test-support/image-builder.ts';
import { buildScannedPdf } from '../packages/extractors/test-support/scanned-pdf-builder.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '3' } } });
const PAGES = Number(values.pages);
const WIDTH = 1700;
const HEIGHT = 2200;
const WORDS = 'the committee met on tuesday to review the harbour accounts and approved the budget for dredging'.split(
  ' ',
);

const pageLines = (page: number): string[] =>
  Array.from({ length: 30 }, (_, line) =>
    Array.from({ length: 9 }, (_, word) => WORDS[(page * 7 + line * 3 + word) % WORDS.length]).join(' '),
  );

const scan = (lines: string[]): Uint8Array => {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = 'black';
  // 11 points at 200 dpi: 31 px.
  context.font = '31px serif';
  for (const [index, line] of lines.entries()) context.fillText(line, 150, 200 + index * 60);
  return new Uint8Array(canvas.encodeSync('jpeg', 85));
};

const cpuMs = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = process.cpuUsage();
  const result = await work();
  const { user, system } = process.cpuUsage(start);
  return [result, (user + system) / 1000];
};

const accuracy = (recognised: string, lines: string[]): number => {
  const expected = lines.join(' ').split(' ');
  const found = recognised.toLowerCase().split(/\s+/);
  // Expected words found in order (a greedy subsequence): a misread word is missed, never matched later.
  let hits = 0;
  for (const word of found) if (hits < expected.length && word === expected[hits]) hits++;
  return hits / expected.length;
};

const texts = Array.from({ length: PAGES }, (_, page) => pageLines(page));
const images = texts.map((lines) => {
  const jpeg = scan(lines);
  return { jpeg, width: WIDTH, height: HEIGHT, components: jpegComponents(jpeg) as 1 | 3 };
});
const pdf = buildScannedPdf(
  images,
  images.map((_, image) => ({ image })),
);
const pdfjs = await getResolvedPDFJS();
const CanvasFactory = await createIsomorphicCanvasFactory(() => import('@napi-rs/canvas'));
const task = pdfjs.getDocument({ data: pdf, verbosity: 0, CanvasFactory });
const document = await task.promise;
const engine = new OcrEngine({ languages: ['eng'], workers: 1 });
// Start-up (WASM, language data) is not a page's cost.
await engine.recognize(scan(['warm up']));

const rows: string[] = [];
for (let number = 1; number <= PAGES; number++) {
  const lines = texts[number - 1] as string[];
  const page = await document.getPage(number);
  const [rendered, renderMs] = await cpuMs(() => renderPageImage(page, pdfjs, 40, 300));
  const [fromRender, renderOcrMs] = await cpuMs(() => engine.recognize(rendered));
  const [native, nativeMs] = await cpuMs(async () =>
    renderPageImage(page, pdfjs, 40, (await pageImageDpi(page, pdfjs)) ?? undefined),
  );
  const [fromNative, nativeOcrMs] = await cpuMs(() => engine.recognize(native));
  const [extracted, extractMs] = await cpuMs(async () => {
    const operators = await page.getOperatorList();
    const at = operators.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
    const name = operators.argsArray[at][0] as string;
    const image = await new Promise<any>((resolve) => page.objs.get(name, resolve));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    const channels = image.data.length / (image.width * image.height);
    for (let i = 0, o = 0; o < rgba.length; i += channels, o += 4) {
      rgba[o] = image.data[i];
      rgba[o + 1] = image.data[i + (channels > 1 ? 1 : 0)];
      rgba[o + 2] = image.data[i + (channels > 1 ? 2 : 0)];
      rgba[o + 3] = 255;
    }
    context.putImageData(new (globalThis as any).ImageData(rgba, image.width, image.height), 0, 0);
    return new Uint8Array(await canvas.encode('png'));
  });
  const [fromImage, imageOcrMs] = await cpuMs(() => engine.recognize(extracted));
  const text = (ocr: typeof fromRender) => ocr.paragraphs.map((p) => p.text).join(' ');
  rows.push(
    [
      number,
      renderMs.toFixed(0),
      renderOcrMs.toFixed(0),
      accuracy(text(fromRender), lines).toFixed(3),
      nativeMs.toFixed(0),
      nativeOcrMs.toFixed(0),
      accuracy(text(fromNative), lines).toFixed(3),
      extractMs.toFixed(0),
      imageOcrMs.toFixed(0),
      accuracy(text(fromImage), lines).toFixed(3),
    ].join('\t'),
  );
  page.cleanup();
}
console.log(
  'CPU ms per page\npage\trender 300\tOCR\twords ok\trender native\tOCR\twords ok\textract image\tOCR\twords ok',
);
console.log(rows.join('\n'));
await engine.close();
await task.destroy();
