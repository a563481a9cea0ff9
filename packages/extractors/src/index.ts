export { detectType } from './detect-type.ts';
export { DocumentExtractor, type DocumentExtractorOptions } from './document-extractor.ts';
