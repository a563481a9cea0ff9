import { DocentError } from '@docent/domain';
import { formatCount } from '../extraction-limits.ts';
import { findOcrLanguages } from './ocr-languages.ts';

/** How much OCR one extractor does; see docs/adr/0024-offline-ocr.md for the defaults. */
export interface OcrSettings {
  /** Tesseract language codes, each from its installed `@tesseract.js-data/<code>` package (`DOCENT_OCR_LANGS`). */
  languages: string[];
  /** Tesseract worker threads of one extractor, each recognising one page at a time (`DOCENT_OCR_WORKERS`). */
  workers: number;
  /** Pages (scanned PDF pages, TIFF pages) recognised in one document at most (`DOCENT_OCR_MAX_PAGES`). */
  maxPages: number;
  /** Pixels of one page image given to tesseract, in millions (`DOCENT_OCR_MAX_MEGAPIXELS`). */
  maxMegapixels: number;
}

/**
 * 20 pages of dense text fit the default 120 s extraction timeout more than twice over (~2.5 s of
 * CPU a letter page scanned at 200 dpi, scripts/ocr-page-costs.ts); 25 megapixels hold an A3 page
 * at 300 dpi (17 MP) and a 24 MP photo, and cost ~350 MB to recognise. See docs/adr/0024-offline-ocr.md.
 */
export const DEFAULT_OCR_SETTINGS: Readonly<OcrSettings> = {
  languages: ['eng'],
  workers: 1,
  maxPages: 20,
  maxMegapixels: 25,
};

/** The local server's setting behind each OCR limit, named when a document passes it. */
const SETTING = { maxPages: 'DOCENT_OCR_MAX_PAGES', maxMegapixels: 'DOCENT_OCR_MAX_MEGAPIXELS' } as const;

/**
 * Fills in defaults, checks that the numbers are positive integers and that every language's data
 * package is installed; throws `validation_failed` naming the problem (and the package to install).
 */
export const resolveOcrSettings = (given: Partial<OcrSettings>): OcrSettings => {
  const settings = { ...DEFAULT_OCR_SETTINGS, ...given };
  for (const name of ['workers', 'maxPages', 'maxMegapixels'] as const) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new DocentError('validation_failed', `OCR ${name} must be a positive integer, got ${value}.`);
    }
  }
  findOcrLanguages(settings.languages);
  return { ...settings, languages: [...settings.languages] };
};

/** `too_large` for a document with more pages to recognise than `maxPages`. */
export const tooManyOcrPages = (pages: number, settings: OcrSettings): DocentError =>
  new DocentError(
    'too_large',
    `The document has ${formatCount(pages)} or more pages to read by OCR, more than the limit of ` +
      `${formatCount(settings.maxPages)} (setting ${SETTING.maxPages}).`,
    { details: { limit: 'ocrMaxPages' } },
  );

/** Throws `too_large` when an image of `width` x `height` pixels exceeds `maxMegapixels`. */
export const checkImagePixels = (width: number, height: number, settings: OcrSettings): void => {
  if (width * height <= settings.maxMegapixels * 1_000_000) return;
  throw new DocentError(
    'too_large',
    `The image is ${formatCount(width)} x ${formatCount(height)} pixels, more than the limit of ` +
      `${formatCount(settings.maxMegapixels)} megapixels (setting ${SETTING.maxMegapixels}).`,
    { details: { limit: 'ocrMaxMegapixels' } },
  );
};
