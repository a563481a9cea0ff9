import type { getResolvedPDFJS } from 'unpdf';

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/*
 * Which PDF pages are scans to read by OCR. A page qualifies when its text layer holds less than one
 * character per square inch of page (93 on a US letter page, 97 on A4: about one line of body text,
 * where a typed page holds 1,500 to 3,500) and it paints at least one image. The density rule scales
 * with the page, so a stamp, a page number or a "scanned by" footer on a scan does not hide it, while
 * a typed page is never sent to OCR; the image rule keeps a blank or drawing-only page from being
 * rendered for nothing. When the recognised text is no longer than the text layer, the layer is kept.
 */

/** Below this many characters of text layer per square inch, an image-bearing page is read by OCR. */
export const MIN_TEXT_CHARS_PER_SQUARE_INCH = 1;
const POINTS_PER_INCH = 72;

/** True when `chars` characters of text layer are too few for a page whose box is `view` (PDF points). */
export const hasAlmostNoText = (chars: number, view: readonly number[]): boolean => {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const squareInches = (Math.abs(x1 - x0) * Math.abs(y1 - y0)) / POINTS_PER_INCH ** 2;
  return chars < squareInches * MIN_TEXT_CHARS_PER_SQUARE_INCH;
};

const IMAGE_OPERATORS = [
  'paintImageXObject',
  'paintImageXObjectRepeat',
  'paintInlineImageXObject',
  'paintInlineImageXObjectGroup',
  'paintImageMaskXObject',
  'paintImageMaskXObjectGroup',
  'paintImageMaskXObjectRepeat',
  'paintSolidColorImageMask',
] as const;

/** Operators whose arguments are `[objectId, width, height]`: the image's size in pixels is known. */
const SIZED_IMAGE_OPERATORS = ['paintImageXObject', 'paintImageXObjectRepeat'] as const;

/**
 * Whether the page paints an image (a scan is an image, or a 1-bit image mask) and, when its size is
 * known, the highest resolution of its images across the page's width in dots per inch: `null` when
 * the page paints no image, `undefined` when it does but no size is known.
 */
export const pageImageDpi = async (
  page: PdfPage,
  pdfjs: Pick<PdfJs, 'OPS' | 'AnnotationMode'>,
): Promise<number | null | undefined> => {
  const painting = new Set(IMAGE_OPERATORS.map((name) => pdfjs.OPS[name]));
  const sized = new Set(SIZED_IMAGE_OPERATORS.map((name) => pdfjs.OPS[name]));
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
  const [x0 = 0, , x1 = 0] = page.view;
  const inches = Math.abs(x1 - x0) / POINTS_PER_INCH;
  let found = false;
  let dpi: number | undefined;
  fnArray.forEach((fn, index) => {
    if (!painting.has(fn)) return;
    found = true;
    const width = (argsArray[index] as unknown[] | undefined)?.[1];
    if (sized.has(fn) && typeof width === 'number' && inches > 0) dpi = Math.max(dpi ?? 0, width / inches);
  });
  return found ? dpi : null;
};
