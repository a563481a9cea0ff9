/**
 * Peak memory of recognising one large image: a white page of `--megapixels` million pixels (4:3)
 * with 40 lines of text, PNG-encoded, recognised by one tesseract worker. Prints the process's RSS
 * before, its peak while recognising (polled every 20 ms), and the CPU ms. Tesseract's WASM memory
 * lives outside V8's heap, so this is what the pixel cap (DOCENT_OCR_MAX_MEGAPIXELS) bounds.
 *
 *   node --conditions=docent-source scripts/ocr-image-memory.ts --megapixels 25
 */
import { parseArgs } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { OcrEngine } from '../packages/extractors/src/ocr/ocr-engine.ts';

const { values } = parseArgs({ options: { megapixels: { type: 'string', default: '25' } } });
const pixels = Number(values.megapixels) * 1e6;
const width = Math.round(Math.sqrt((pixels * 4) / 3));
const height = Math.round(pixels / width);
const canvas = createCanvas(width, height);
const context = canvas.getContext('2d');
context.fillStyle = 'white';
context.fillRect(0, 0, width, height);
context.fillStyle = 'black';
context.font = `${Math.round(height / 120)}px serif`;
for (let line = 0; line < 40; line++) {
  context.fillText(`Line ${line} of a large scanned drawing with notes`, width / 10, (height / 45) * (line + 2));
}
const png = new Uint8Array(canvas.encodeSync('png'));
const engine = new OcrEngine({ languages: ['eng'], workers: 1 });
await engine.recognize(new Uint8Array(createCanvas(200, 50).encodeSync('png')));
const MB = 1024 * 1024;
const before = process.memoryUsage().rss;
let peak = before;
const poll = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const cpu = process.cpuUsage();
const page = await engine.recognize(png);
const { user, system } = process.cpuUsage(cpu);
clearInterval(poll);
await engine.close();
console.log(
  `${width} x ${height} px (${(pixels / 1e6).toFixed(0)} MP), PNG ${(png.length / MB).toFixed(1)} MB: ` +
    `RSS ${(before / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB), ` +
    `${((user + system) / 1000).toFixed(0)} CPU ms, ${page.paragraphs.length} paragraphs`,
);
