export { detectType } from './detect-type.ts';
export { DocumentExtractor, type DocumentExtractorOptions } from './document-extractor.ts';
export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
export type { ExtractionContext, FormatDefinition, FormatDetection, ZipProbe } from './format-definition.ts';
export { describeFormats, FORMATS, formatsWith } from './format-registry.ts';
export { dataPackageOf, findOcrLanguages } from './ocr/ocr-languages.ts';
export { DEFAULT_OCR_SETTINGS, type OcrSettings } from './ocr/ocr-settings.ts';
export {
  DEFAULT_WORKER_OPTIONS,
  WorkerTextExtractor,
  type WorkerTextExtractorOptions,
} from './worker/worker-text-extractor.ts';
