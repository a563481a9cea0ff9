import { latin1, serializePdf, streamObject } from './pdf-builder.ts';

/*
 * Image-only PDFs, as a scanner writes them: each page draws one JPEG (DCTDecode, the bytes as
 * given) over the whole page, optionally with a line of real text (a stamp or page number). Pages may
 * share one image object, so a 300-page scan costs one image's bytes.
 */

/** A JPEG to place on pages, with its size in pixels and colour components (1 grey, 3 RGB). */
export interface ScanImage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  components: 1 | 3;
}

/** One page: which image it shows, and an optional line of text layer drawn at its foot. */
export interface ScanPage {
  image: number;
  text?: string;
}

/** Scanner resolution: the page is the image's size at this many dots per inch. */
const SCAN_DPI = 200;

/** A PDF of `pages`, each showing one of `images` scaled to fill the page. */
export const buildScannedPdf = (images: readonly ScanImage[], pages: readonly ScanPage[]): Uint8Array => {
  const FONT = 3;
  const firstImage = 4;
  const firstPage = firstImage + images.length;
  const objects: (string | Uint8Array)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pages.map((_, index) => `${firstPage + index * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  for (const { jpeg, width, height, components } of images) {
    const space = components === 1 ? '/DeviceGray' : '/DeviceRGB';
    const dictionary = `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode`;
    objects.push(streamObject(dictionary, jpeg));
  }
  for (const [index, { image, text }] of pages.entries()) {
    const { width, height } = images[image] as ScanImage;
    const [w, h] = [(width * 72) / SCAN_DPI, (height * 72) / SCAN_DPI];
    const resources = `/XObject << /Im0 ${firstImage + image} 0 R >> /Font << /F1 ${FONT} 0 R >>`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << ${resources} >> /Contents ${firstPage + index * 2 + 1} 0 R >>`,
    );
    const stamp = text === undefined ? '' : ` BT /F1 8 Tf 4 4 Td (${text}) Tj ET`;
    objects.push(streamObject('', latin1(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q${stamp}`)));
  }
  return serializePdf(objects);
};
