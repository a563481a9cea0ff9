import { createCanvas } from '@napi-rs/canvas';

/*
 * Images of text for OCR tests, drawn with @napi-rs/canvas (black sans-serif on white, ~36 px
 * letters, which tesseract reads reliably) and written as PNG, JPEG or WebP by the canvas, or as
 * uncompressed grey TIFF (one page per text) by the small writer below, since nothing here writes TIFF.
 */

/** One image in memory: 8-bit grey pixels, row by row. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const FONT_PX = 36;
const LINE_PX = 56;
const MARGIN_PX = 40;

const drawLines = (lines: readonly string[], width: number) => {
  const height = MARGIN_PX * 2 + LINE_PX * lines.length;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, width, height);
  context.fillStyle = 'black';
  context.font = `${FONT_PX}px sans-serif`;
  for (const [index, line] of lines.entries()) context.fillText(line, MARGIN_PX, MARGIN_PX + FONT_PX + index * LINE_PX);
  return canvas;
};

/** Lines of text as an encoded image, `width` pixels wide. */
export const textImage = (lines: readonly string[], format: 'png' | 'jpeg' | 'webp', width = 1400): Uint8Array => {
  const canvas = drawLines(lines, width);
  return new Uint8Array(format === 'png' ? canvas.encodeSync('png') : canvas.encodeSync(format, 90));
};

/** Lines of text as grey pixels. */
export const greyTextImage = (lines: readonly string[], width = 1400): GreyImage => {
  const canvas = drawLines(lines, width);
  const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const pixels = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4] ?? 255;
  return { width: canvas.width, height: canvas.height, pixels };
};

// TIFF 6.0 baseline tags, all written as SHORT or LONG.
const TAGS = { width: 256, height: 257, bits: 258, compression: 259, photometric: 262, stripOffsets: 273 } as const;
const MORE_TAGS = { samples: 277, rowsPerStrip: 278, stripBytes: 279 } as const;
const SHORT = 3;
const LONG = 4;

/** A little-endian, uncompressed, 8-bit grey TIFF with one page (IFD) per image, in order. */
export const tiffOf = (images: readonly GreyImage[]): Uint8Array => {
  const ENTRIES = 9;
  const ifdBytes = 2 + ENTRIES * 12 + 4;
  const total = 8 + images.reduce((sum, image) => sum + ifdBytes + image.pixels.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  let at = 8;
  for (const [index, image] of images.entries()) {
    const pixelsAt = at + ifdBytes;
    const entries: Array<[number, number, number]> = [
      [TAGS.width, LONG, image.width],
      [TAGS.height, LONG, image.height],
      [TAGS.bits, SHORT, 8],
      [TAGS.compression, SHORT, 1],
      [TAGS.photometric, SHORT, 1],
      [TAGS.stripOffsets, LONG, pixelsAt],
      [MORE_TAGS.samples, SHORT, 1],
      [MORE_TAGS.rowsPerStrip, LONG, image.height],
      [MORE_TAGS.stripBytes, LONG, image.pixels.length],
    ];
    view.setUint16(at, ENTRIES, true);
    for (const [n, [tag, type, value]] of entries.entries()) {
      const entryAt = at + 2 + n * 12;
      view.setUint16(entryAt, tag, true);
      view.setUint16(entryAt + 2, type, true);
      view.setUint32(entryAt + 4, 1, true);
      if (type === SHORT) view.setUint16(entryAt + 8, value, true);
      else view.setUint32(entryAt + 8, value, true);
    }
    const next = index + 1 < images.length ? pixelsAt + image.pixels.length : 0;
    view.setUint32(at + 2 + ENTRIES * 12, next, true);
    out.set(image.pixels, pixelsAt);
    at = pixelsAt + image.pixels.length;
  }
  return out;
};

/** Colour components of a JPEG, from its start-of-frame header (baseline or progressive). */
export const jpegComponents = (jpeg: Uint8Array): number => {
  for (let at = 2; at + 9 < jpeg.length; at += 2 + (((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0))) {
    if (jpeg[at + 1] === 0xc0 || jpeg[at + 1] === 0xc2) return jpeg[at + 9] ?? 0;
  }
  throw new Error('no start-of-frame marker');
};
