import type { ContentType, RawDocument, TextExtractor } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { detectType } from './detect-type.ts';
import { extractDocx } from './docx-extractor.ts';
import { type ExtractionLimits, resolveLimits } from './extraction-limits.ts';
import { extractHtml } from './html-extractor.ts';
import { extractMarkdown } from './markdown-extractor.ts';
import { extractImage } from './ocr/image-extractor.ts';
import type { ImageType } from './ocr/image-formats.ts';
import { Ocr } from './ocr/ocr.ts';
import type { OcrSettings } from './ocr/ocr-settings.ts';
import { extractPdf } from './pdf-extractor.ts';
import { extractPlainText } from './text-extractor.ts';

/**
 * Options of {@link DocumentExtractor}: limits past which a document ends in `too_large`, and OCR
 * settings; OCR (scanned PDF pages, image uploads) is on only when `ocr` is given.
 */
export type DocumentExtractorOptions = Partial<ExtractionLimits> & { ocr?: Partial<OcrSettings> };

/**
 * The TextExtractor for PDF, DOCX, HTML, Markdown, plain text and (with OCR) images, all parsed
 * in-process: the Lambda (whose memory limit and timeout bound it) and tests use it directly; the
 * local server runs it in a worker thread (`WorkerTextExtractor`).
 */
export class DocumentExtractor implements TextExtractor {
  private readonly limits: ExtractionLimits;
  readonly #ocr: Ocr | undefined;

  /**
   * Throws `validation_failed` when a limit is not a positive integer, or when an OCR language's
   * data package is not installed.
   */
  constructor(options: DocumentExtractorOptions = {}) {
    const { ocr, ...limits } = options;
    this.limits = resolveLimits(limits);
    this.#ocr = ocr === undefined ? undefined : new Ocr(ocr);
  }

  /** {@inheritDoc TextExtractor.detectType} */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return detectType(name, bytes, { images: this.#ocr !== undefined });
  }

  /** {@inheritDoc TextExtractor.extract} */
  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    switch (contentType) {
      case 'application/pdf':
        return extractPdf(bytes, this.limits, this.#ocr);
      case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
        return extractDocx(bytes, this.limits);
      case 'text/html':
        return extractHtml(bytes, this.limits);
      case 'text/markdown':
        return extractMarkdown(bytes, this.limits);
      case 'text/plain':
        return extractPlainText(bytes, this.limits);
      case 'image/png':
      case 'image/jpeg':
      case 'image/tiff':
      case 'image/webp':
        return this.#extractImage(bytes, contentType);
    }
  }

  /** Ends the OCR engine's worker threads, if any were started. */
  close(): Promise<void> {
    return this.#ocr?.close() ?? Promise.resolve();
  }

  #extractImage(bytes: Uint8Array, type: ImageType): Promise<RawDocument> {
    if (this.#ocr === undefined) {
      const problem = 'Images are read by OCR, which is off (setting DOCENT_OCR).';
      return Promise.reject(new DocentError('extraction_failed', problem));
    }
    return extractImage(bytes, type, this.#ocr, this.limits);
  }
}
