export { detectType } from './detect-type.ts';
export { DocumentExtractor, type DocumentExtractorOptions } from './document-extractor.ts';
export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
export type { ExtractionContext, FormatDefinition, FormatDetection, ZipProbe } from './format-definition.ts';
export { describeFormats, FORMATS } from './format-registry.ts';
export { findOcrLanguages } from './ocr/ocr-languages.ts';
export { DEFAULT_OCR_SETTINGS, type OcrSettings } from './ocr/ocr-settings.ts';
export {
  DEFAULT_WORKER_OPTIONS,
  WorkerTextExtractor,
  type WorkerTextExtractorOptions,
} from './worker/worker-text-extractor.ts';
