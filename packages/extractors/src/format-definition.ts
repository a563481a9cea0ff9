import type { DocumentFormat, RawDocument } from '@docent/domain';
import type { ExtractionLimits } from './extraction-limits.ts';
import type { Ocr } from './ocr/ocr.ts';

/** What an extractor may use besides the bytes and the limits. */
export interface ExtractionContext {
  /** The OCR engine, present when OCR is on: scanned PDF pages and images are read with it. */
  readonly ocr?: Ocr | undefined;
}

/** What detection may look at inside a ZIP container, read without inflating more than a few bytes. */
export interface ZipProbe {
  /** Member names from the central directory. */
  readonly names: ReadonlySet<string>;
  /** The text of a stored `mimetype` member (ODF, EPUB), when the archive has a small one. */
  readonly mimetype: string | undefined;
}

/**
 * How a format is recognised. `bytes`: by magic bytes, whatever the name says (PDF, images).
 * `zip`: a ZIP container by its members (never by extension). `text`: UTF-8 text, decided by a
 * known extension first, then by `sniff` on the decoded text.
 */
export type FormatDetection =
  | { readonly kind: 'bytes'; readonly sniff: (bytes: Uint8Array) => boolean }
  | { readonly kind: 'zip'; readonly sniff: (archive: ZipProbe) => boolean }
  | { readonly kind: 'text'; readonly sniff?: (text: string) => boolean };

/** One format of the registry: everything Docent knows about it, so a new format is one definition. */
export interface FormatDefinition extends DocumentFormat {
  /** How uploads of this format are recognised. */
  readonly detection: FormatDetection;
  /** True for formats read only by OCR (images): registered only when OCR is on. */
  readonly needsOcr?: boolean;
  /** Blocks in reading order; throws the `DocentError` codes of `TextExtractor.extract`. */
  readonly extract: (
    bytes: Uint8Array,
    limits: ExtractionLimits,
    context: ExtractionContext,
  ) => RawDocument | Promise<RawDocument>;
}
