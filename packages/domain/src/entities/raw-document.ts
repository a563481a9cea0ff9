import type { ContentType } from './document.ts';

/** The structural role of an extracted block; chunking prefers to cut between blocks. */
export type RawBlockKind = 'heading' | 'paragraph' | 'list-item' | 'code' | 'table-row';

/** Marks text read by OCR from an image rather than taken from the file's own text. */
export interface OcrMark {
  /** Tesseract's mean word confidence, 0 to 100: how sure the recogniser was of the words. */
  confidence: number;
}

/** One block of text as an extractor found it, before normalisation. */
export interface RawBlock {
  kind: RawBlockKind;
  text: string;
  /** Heading level (1 = top) for `heading` blocks. */
  level?: number;
  /** 1-based physical page for paged formats. */
  page?: number;
  /** Present when the text was recognised by OCR (a scanned page, an image). */
  ocr?: OcrMark;
}

/** What an extractor returns: blocks in reading order. `normalizeDocument` turns it into DocumentText. */
export interface RawDocument {
  contentType: ContentType;
  blocks: RawBlock[];
  /** Number of pages for paged formats (PDF). */
  pageCount?: number;
  /** Document title from metadata or the first top-level heading, if any. */
  title?: string;
}
