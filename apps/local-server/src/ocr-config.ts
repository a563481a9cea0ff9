import { DEFAULT_OCR_SETTINGS, findOcrLanguages, type OcrSettings } from '@docent/extractors';
import { z } from 'zod';

const whole = (fallback: number, max: number) => z.coerce.number().int().positive().max(max).default(fallback);

/** The OCR settings (scanned PDF pages and image uploads); merged into the server's one schema. */
export const ocrSchema = {
  DOCENT_OCR: z.enum(['on', 'off']).default('on'),
  // Tesseract's own separator is `+` (`eng+deu`); a comma is accepted too.
  DOCENT_OCR_LANGS: z
    .string()
    .regex(/^[a-z_]+(?:[+,][a-z_]+)*$/, 'tesseract language codes joined by + (such as eng+deu)')
    .default(DEFAULT_OCR_SETTINGS.languages.join('+')),
  DOCENT_OCR_WORKERS: whole(DEFAULT_OCR_SETTINGS.workers, 64),
  DOCENT_OCR_MAX_PAGES: whole(DEFAULT_OCR_SETTINGS.maxPages, 100_000),
  DOCENT_OCR_MAX_MEGAPIXELS: whole(DEFAULT_OCR_SETTINGS.maxMegapixels, 1000),
};

const ocrObject = z.object(ocrSchema);
type OcrSettingsEnv = z.infer<typeof ocrObject>;

const languagesOf = (c: OcrSettingsEnv): string[] => c.DOCENT_OCR_LANGS.split(/[+,]/);

/** A language whose data package is missing, naming the package to install; nothing when OCR is off. */
export const ocrProblems = (c: OcrSettingsEnv): string[] => {
  if (c.DOCENT_OCR === 'off') return [];
  try {
    findOcrLanguages(languagesOf(c));
    return [];
  } catch (error) {
    return [`DOCENT_OCR_LANGS: ${error instanceof Error ? error.message : String(error)}`];
  }
};

/** What the extractors read by OCR with, or undefined when `DOCENT_OCR=off`. */
export const ocrConfig = (c: OcrSettingsEnv): OcrSettings | undefined =>
  c.DOCENT_OCR === 'off'
    ? undefined
    : {
        languages: languagesOf(c),
        workers: c.DOCENT_OCR_WORKERS,
        maxPages: c.DOCENT_OCR_MAX_PAGES,
        maxMegapixels: c.DOCENT_OCR_MAX_MEGAPIXELS,
      };
