import type { ContentType, RawDocument, TextExtractor } from '@docent/domain';
import { detectType } from './detect-type.ts';
import { extractDocx } from './docx-extractor.ts';
import { type ExtractionLimits, resolveLimits } from './extraction-limits.ts';
import { extractHtml } from './html-extractor.ts';
import { extractMarkdown } from './markdown-extractor.ts';
import { extractPdf } from './pdf-extractor.ts';
import { extractPlainText } from './text-extractor.ts';

/** Options of {@link DocumentExtractor}: limits past which a document ends in `too_large`. */
export type DocumentExtractorOptions = Partial<ExtractionLimits>;

/**
 * The TextExtractor for PDF, DOCX, HTML, Markdown and plain text, all parsed in-process: the Lambda
 * (whose memory limit and timeout bound it) and tests use it directly; the local server runs it in
 * a worker thread (`WorkerTextExtractor`).
 */
export class DocumentExtractor implements TextExtractor {
  private readonly limits: ExtractionLimits;

  /** Throws `validation_failed` when a limit is not a positive integer. */
  constructor(options: DocumentExtractorOptions = {}) {
    this.limits = resolveLimits(options);
  }

  /** {@inheritDoc TextExtractor.detectType} */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return detectType(name, bytes);
  }

  /** {@inheritDoc TextExtractor.extract} */
  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    switch (contentType) {
      case 'application/pdf':
        return extractPdf(bytes, this.limits);
      case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
        return extractDocx(bytes, this.limits);
      case 'text/html':
        return extractHtml(bytes, this.limits);
      case 'text/markdown':
        return extractMarkdown(bytes, this.limits);
      case 'text/plain':
        return extractPlainText(bytes, this.limits);
    }
  }
}
