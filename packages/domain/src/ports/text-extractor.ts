import type { ContentType } from '../entities/document.ts';
import type { DocumentFormat } from '../entities/document-format.ts';
import type { RawDocument } from '../entities/raw-document.ts';

/** Decides file types and turns uploaded bytes into text blocks. */
export interface TextExtractor {
  /** The formats this extractor reads, in the order people should see them. */
  readonly formats: readonly DocumentFormat[];
  /**
   * The content type from magic bytes plus the file name's extension, or null when the file is
   * not a supported type (the caller answers `unsupported_media_type`).
   */
  detectType(name: string, bytes: Uint8Array): ContentType | null;
  /**
   * Extracts blocks in reading order. Throws DocentError `encrypted_pdf`, `empty_document`,
   * `binary_content` or `extraction_failed` for files it cannot read, `too_large` for files past its
   * limits (text, pages, inflated size, memory) and `extraction_timeout` past its time limit.
   */
  extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument>;
}
