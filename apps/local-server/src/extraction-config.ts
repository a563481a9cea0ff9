import { DEFAULT_EXTRACTION_LIMITS, DEFAULT_WORKER_OPTIONS, type WorkerTextExtractorOptions } from '@docent/extractors';
import { z } from 'zod';

const MIB = 1024 * 1024;

/** The extraction limits of the local server: what the worker-thread extractor is built with. */
export type ExtractionConfig = Required<Pick<WorkerTextExtractorOptions, 'memoryMb' | 'timeoutSeconds'>> & {
  limits: { maxExtractedChars: number; maxPages: number; maxInflatedBytes: number };
};

/** The extraction settings; merged into the server's one schema. Defaults are the extractors' own. */
export const extractionSchema = {
  DOCENT_MAX_EXTRACTED_CHARS: z.coerce
    .number()
    .int()
    .positive()
    .max(1_000_000_000)
    .default(DEFAULT_EXTRACTION_LIMITS.maxExtractedChars),
  DOCENT_MAX_PAGES: z.coerce.number().int().positive().max(1_000_000).default(DEFAULT_EXTRACTION_LIMITS.maxPages),
  DOCENT_MAX_INFLATED_MB: z.coerce
    .number()
    .int()
    .positive()
    .max(16_384)
    .default(DEFAULT_EXTRACTION_LIMITS.maxInflatedBytes / MIB),
  // Below ~64 MB a worker cannot even load pdf.js.
  DOCENT_EXTRACT_MEMORY_MB: z.coerce.number().int().min(64).max(65_536).default(DEFAULT_WORKER_OPTIONS.memoryMb),
  DOCENT_EXTRACT_TIMEOUT_S: z.coerce.number().positive().max(86_400).default(DEFAULT_WORKER_OPTIONS.timeoutSeconds),
};

type ExtractionSettings = { [K in keyof typeof extractionSchema]: z.infer<(typeof extractionSchema)[K]> };

/** The extraction part of the config from parsed settings. */
export const extractionConfig = (c: ExtractionSettings): ExtractionConfig => ({
  limits: {
    maxExtractedChars: c.DOCENT_MAX_EXTRACTED_CHARS,
    maxPages: c.DOCENT_MAX_PAGES,
    maxInflatedBytes: c.DOCENT_MAX_INFLATED_MB * MIB,
  },
  memoryMb: c.DOCENT_EXTRACT_MEMORY_MB,
  timeoutSeconds: c.DOCENT_EXTRACT_TIMEOUT_S,
});
