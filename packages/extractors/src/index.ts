export { detectType } from './detect-type.ts';
export { DocumentExtractor, type DocumentExtractorOptions } from './document-extractor.ts';
export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
export type { FormatDefinition, FormatDetection, ZipProbe } from './format-definition.ts';
export { describeFormats, FORMATS } from './format-registry.ts';
export {
  DEFAULT_WORKER_OPTIONS,
  WorkerTextExtractor,
  type WorkerTextExtractorOptions,
} from './worker/worker-text-extractor.ts';
