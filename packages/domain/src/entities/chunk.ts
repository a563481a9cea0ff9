import type { OcrMark } from './raw-document.ts';

/**
 * A retrievable passage of a document. `text` equals
 * `documentText.slice(charStart, charEnd)` of the document's normalised text exactly.
 */
export interface Chunk {
  id: string;
  documentId: string;
  ownerId: string;
  /** 0-based position in the document. */
  ordinal: number;
  text: string;
  charStart: number;
  charEnd: number;
  /** 1-based physical page for paged formats (PDF), where the chunk starts. */
  page?: number;
  /** The nearest heading above the chunk (section title), if any. */
  heading?: string;
}

/** A page of a paged document as a range of the normalised text. */
export interface PageSpan {
  /** 1-based. */
  page: number;
  charStart: number;
  charEnd: number;
  /**
   * Present when the page's text was recognised by OCR; the confidence is its blocks' mean,
   * weighted by their length in characters.
   */
  ocr?: OcrMark;
}

/** A heading found by extraction, as a range of the normalised text. */
export interface HeadingSpan {
  /** 1 is the top level. */
  level: number;
  text: string;
  charStart: number;
  charEnd: number;
}

/**
 * The normalised text of a document. Every citation and chunk offset indexes `text`.
 * Normalisation, per block: Unicode NFKC, every whitespace run becomes one space, trimmed.
 * Blocks are joined with a single "\n", so the text reads as paragraphs while whitespace
 * normalisation of any slice gives the qa-dev normal form.
 */
export interface DocumentText {
  text: string;
  pages: PageSpan[];
  headings: HeadingSpan[];
  /** Paragraph-like blocks (paragraphs, list items, table rows, man-page sections) in order. */
  blocks: Array<{ charStart: number; charEnd: number }>;
}
