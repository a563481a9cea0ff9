import type { ContentType, RawDocument, TextExtractor } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { detectType } from './detect-type.ts';
import { type ExtractionLimits, resolveLimits } from './extraction-limits.ts';
import { describeFormats, formatOf } from './format-registry.ts';

/** Options of {@link DocumentExtractor}: limits past which a document ends in `too_large`. */
export type DocumentExtractorOptions = Partial<ExtractionLimits>;

/**
 * The TextExtractor for every format of the registry (`FORMATS`), all parsed in-process: the Lambda
 * (whose memory limit and timeout bound it) and tests use it directly; the local server runs it in
 * a worker thread (`WorkerTextExtractor`).
 */
export class DocumentExtractor implements TextExtractor {
  /** {@inheritDoc TextExtractor.formats} */
  readonly formats = describeFormats();
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
    const format = formatOf(contentType);
    if (format === undefined) {
      throw new DocentError('unsupported_media_type', `Docent does not read ${contentType} files.`);
    }
    return format.extract(bytes, this.limits);
  }
}
