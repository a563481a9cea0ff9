import type { getResolvedPDFJS } from 'unpdf';

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type RenderParameters = Parameters<PdfPage['render']>[0];

/**
 * Tesseract reads best at about 300 dots per inch (x-height of 20 to 30 pixels in body text): more
 * costs time and gains nothing, and a scan is not rendered above its own resolution (upsampling a
 * 200 dpi scan to 300 cost 45% more CPU for the same words, see the ADR), nor below 150 dpi.
 */
export const OCR_DPI = { max: 300, min: 150 } as const;
const POINTS_PER_INCH = 72;

/**
 * The page rendered as a PNG for OCR at the resolution of its scan (`scanDpi`, 300 dpi when unknown)
 * within `OCR_DPI`, or lower when that would pass `maxMegapixels` (a poster-sized page is read at a
 * lower resolution rather than refused). Annotations are left out, as they are from the text. The
 * document must have been opened with unpdf's canvas factory.
 */
export const renderPageImage = async (
  page: PdfPage,
  pdfjs: Pick<PdfJs, 'AnnotationMode'>,
  maxMegapixels: number,
  scanDpi: number = OCR_DPI.max,
): Promise<Uint8Array> => {
  const { createCanvas } = await import('@napi-rs/canvas');
  const unit = page.getViewport({ scale: 1 });
  const dpi = Math.min(OCR_DPI.max, Math.max(OCR_DPI.min, scanDpi));
  const scale = Math.min(dpi / POINTS_PER_INCH, Math.sqrt((maxMegapixels * 1e6) / (unit.width * unit.height)));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.floor(viewport.width), Math.floor(viewport.height));
  // pdf.js paints the page white first, so transparent parts of a scan read as paper.
  const parameters = { canvas, viewport, annotationMode: pdfjs.AnnotationMode.DISABLE } as unknown as RenderParameters;
  await page.render(parameters).promise;
  return new Uint8Array(await canvas.encode('png'));
};
