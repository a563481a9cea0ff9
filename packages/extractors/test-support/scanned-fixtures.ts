import { jpegComponents, textImage } from './image-builder.ts';
import { buildScannedPdf, type ScanImage, type ScanPage } from './scanned-pdf-builder.ts';

/*
 * Scans for OCR tests: lines of text drawn by the canvas, as a JPEG wrapped in an image-only PDF.
 * Small images (1,400 x ~200 px) keep each recognition to a fraction of a second.
 */

/** A JPEG of `lines` ready to place on PDF pages. */
export const scanImage = (lines: readonly string[]): ScanImage => {
  const jpeg = textImage(lines, 'jpeg');
  const components = jpegComponents(jpeg);
  if (components !== 1 && components !== 3) throw new Error(`unexpected JPEG with ${components} components`);
  const height = 80 + 56 * lines.length;
  return { jpeg, width: 1400, height, components };
};

/** A scanned PDF whose page n shows `pages[n - 1]`'s lines, with an optional text-layer stamp. */
export const scannedPdf = (pages: ReadonlyArray<{ lines: string[]; stamp?: string }>): Uint8Array => {
  const images = pages.map(({ lines }) => scanImage(lines));
  const layout: ScanPage[] = pages.map(({ stamp }, image) =>
    stamp === undefined ? { image } : { image, text: stamp },
  );
  return buildScannedPdf(images, layout);
};

/** A scanned PDF of `count` pages that all show one image object: large in pages, small in bytes. */
export const longScannedPdf = (count: number, lines: string[]): Uint8Array =>
  buildScannedPdf(
    [scanImage(lines)],
    Array.from({ length: count }, () => ({ image: 0 })),
  );
