import type { ContentType, DocumentFormat, RawDocument, TextExtractor } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { detectType } from './detect-type.ts';
import { type ExtractionLimits, resolveLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { describeFormats, formatOf, formatsWith } from './format-registry.ts';
import { Ocr } from './ocr/ocr.ts';
import type { OcrSettings } from './ocr/ocr-settings.ts';

/**
 * Options of {@link DocumentExtractor}: limits past which a document ends in `too_large`, and OCR
 * settings; OCR (scanned PDF pages, image uploads) is on only when `ocr` is given.
 */
export type DocumentExtractorOptions = Partial<ExtractionLimits> & { ocr?: Partial<OcrSettings> | undefined };

/**
 * The TextExtractor for every format of the registry (`FORMATS`; the images only with OCR), all
 * parsed in-process: the Lambda (whose memory limit and timeout bound it) and tests use it directly;
 * the local server runs it in a worker thread (`WorkerTextExtractor`).
 */
export class DocumentExtractor implements TextExtractor {
  /** {@inheritDoc TextExtractor.formats} */
  readonly formats: readonly DocumentFormat[];
  private readonly limits: ExtractionLimits;
  readonly #ocr: Ocr | undefined;
  readonly #registered: readonly FormatDefinition[];

  /**
   * Throws `validation_failed` when a limit is not a positive integer, or when an OCR language's
   * data package is not installed.
   */
  constructor(options: DocumentExtractorOptions = {}) {
    const { ocr, ...limits } = options;
    this.limits = resolveLimits(limits);
    this.#ocr = ocr === undefined ? undefined : new Ocr(ocr);
    this.#registered = formatsWith(this.#ocr !== undefined);
    this.formats = describeFormats(this.#registered);
  }

  /** {@inheritDoc TextExtractor.detectType} */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return detectType(name, bytes, this.#registered);
  }

  /** {@inheritDoc TextExtractor.extract} */
  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    const format = formatOf(contentType, this.#registered);
    if (format === undefined) {
      throw new DocentError('unsupported_media_type', `Docent does not read ${contentType} files.`);
    }
    return format.extract(bytes, this.limits, { ocr: this.#ocr });
  }

  /** Ends the OCR engine's worker threads, if any were started; a later extraction starts them again. */
  close(): Promise<void> {
    return this.#ocr?.close() ?? Promise.resolve();
  }
}
