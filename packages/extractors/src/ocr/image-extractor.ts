import type { RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { CharBudget, type ExtractionLimits, formatCount, tooLarge } from '../extraction-limits.ts';
import { finishDocument } from '../raw-blocks.ts';
import { type ImageSize, type ImageType, imageSize } from './image-formats.ts';
import { mapLimited } from './map-limited.ts';
import type { Ocr } from './ocr.ts';
import { ocrBlocks } from './ocr-blocks.ts';
import { checkImagePixels, tooManyOcrPages } from './ocr-settings.ts';
import { tiffPageFile, tiffPages } from './tiff-pages.ts';

/** One page of an image file: its size, and its bytes as tesseract reads them (made when needed). */
interface ImagePage extends ImageSize {
  file: () => Uint8Array;
}

const unreadable = (): DocentError => new DocentError('extraction_failed', 'The image is damaged or not an image.');

const pagesOf = (bytes: Uint8Array, type: ImageType, ocr: Ocr, limits: ExtractionLimits): ImagePage[] => {
  if (type !== 'image/tiff') {
    const size = imageSize(bytes, type);
    if (size === null) throw unreadable();
    return [{ ...size, file: () => bytes }];
  }
  const pages = tiffPages(bytes, Math.max(limits.maxPages, ocr.settings.maxPages));
  if (pages === null || pages.length === 0) throw unreadable();
  if (pages.length > limits.maxPages) {
    throw tooLarge('maxPages', `The TIFF has more than ${formatCount(limits.maxPages)} pages, the limit`);
  }
  if (pages.length > ocr.settings.maxPages) throw tooManyOcrPages(pages.length, ocr.settings);
  return pages.map((page) => ({ ...page, file: () => tiffPageFile(bytes, page) }));
};

/**
 * The text of an image upload by OCR: PNG, JPEG and WebP are one page; each page of a TIFF is a
 * page. Every block is marked `ocr`. Throws `too_large` past the page or pixel limits (checked on the
 * headers, before anything is decoded), `extraction_failed` for a damaged image, `empty_document`
 * when no text was recognised.
 */
export const extractImage = async (
  bytes: Uint8Array,
  type: ImageType,
  ocr: Ocr,
  limits: ExtractionLimits,
): Promise<RawDocument> => {
  const pages = pagesOf(bytes, type, ocr, limits);
  for (const { width, height } of pages) {
    if (width === 0 || height === 0) throw unreadable();
    checkImagePixels(width, height, ocr.settings);
  }
  const budget = new CharBudget(limits.maxExtractedChars);
  const recognised = await mapLimited(pages, ocr.settings.workers, async (page, index) =>
    ocrBlocks(await ocr.recognize(page.file()), index + 1, budget),
  );
  return finishDocument(type, recognised.flat(), { pageCount: pages.length });
};
