import type { ContentType, RawDocument, TextExtractor } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { detectType } from './detect-type.ts';
import { extractDocx } from './docx-extractor.ts';
import { extractHtml } from './html-extractor.ts';
import { extractMarkdown } from './markdown-extractor.ts';
import { extractPdf } from './pdf-extractor.ts';
import { extractPlainText } from './text-extractor.ts';

/** Options of {@link DocumentExtractor}. */
export interface DocumentExtractorOptions {
  /** PDFs with more pages are refused with `payload_too_large`. Default 2000. */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 2000;

/** The TextExtractor for PDF, DOCX, HTML, Markdown and plain text, all parsed in-process. */
export class DocumentExtractor implements TextExtractor {
  private readonly maxPages: number;

  constructor(options: DocumentExtractorOptions = {}) {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    if (!Number.isInteger(maxPages) || maxPages < 1) {
      throw new DocentError('validation_failed', `maxPages must be a positive integer, got ${maxPages}.`);
    }
    this.maxPages = maxPages;
  }

  /** {@inheritDoc TextExtractor.detectType} */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return detectType(name, bytes);
  }

  /** {@inheritDoc TextExtractor.extract} */
  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    switch (contentType) {
      case 'application/pdf':
        return extractPdf(bytes, { maxPages: this.maxPages });
      case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
        return extractDocx(bytes);
      case 'text/html':
        return extractHtml(bytes);
      case 'text/markdown':
        return extractMarkdown(bytes);
      case 'text/plain':
        return extractPlainText(bytes);
    }
  }
}
