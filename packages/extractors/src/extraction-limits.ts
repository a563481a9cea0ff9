import { DocentError } from '@docent/domain';

/** How much one document may produce; every limit ends in `too_large` instead of unbounded work. */
export interface ExtractionLimits {
  /** Characters of extracted text (all blocks together), counted while blocks are produced. */
  maxExtractedChars: number;
  /** Pages of a paged format (PDF), checked before any page is read. */
  maxPages: number;
  /** Bytes inflated from a ZIP-based format (all members read together), counted while inflating. */
  maxInflatedBytes: number;
}

const MIB = 1024 * 1024;

/**
 * Defaults sized for a long book: 2,000 pages of ~3,000 characters are 6 M characters, well
 * under 10 M; a Word file of that book has a `document.xml` of roughly 10 to 60 MB. See ADR 0006.
 */
export const DEFAULT_EXTRACTION_LIMITS: Readonly<ExtractionLimits> = {
  maxExtractedChars: 10_000_000,
  maxPages: 2000,
  maxInflatedBytes: 128 * MIB,
};

/** The local server's setting behind each limit, named in the error so an operator knows what to raise. */
const SETTING: Readonly<Record<keyof ExtractionLimits, string>> = {
  maxExtractedChars: 'DOCENT_MAX_EXTRACTED_CHARS',
  maxPages: 'DOCENT_MAX_PAGES',
  maxInflatedBytes: 'DOCENT_MAX_INFLATED_MB',
};

/** Formats a count for messages: 10000000 as "10,000,000". */
export const formatCount = (value: number): string => value.toLocaleString('en');

/**
 * `too_large` with a message that says what was exceeded and the limit (`problem`), followed by
 * the setting that raises it.
 */
export const tooLarge = (limit: keyof ExtractionLimits, problem: string): DocentError =>
  new DocentError('too_large', `${problem} (setting ${SETTING[limit]}).`, { details: { limit } });

/** Fills in defaults and checks that every limit is a positive integer. */
export const resolveLimits = (given: Partial<ExtractionLimits>): ExtractionLimits => {
  const limits = { ...DEFAULT_EXTRACTION_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new DocentError('validation_failed', `${name} must be a positive integer, got ${value}.`);
    }
  }
  return limits;
};

/**
 * Counts extracted characters as an extractor produces them and throws `too_large` the moment the
 * total passes the limit, so a hostile file stops before its text is all in memory.
 */
export class CharBudget {
  readonly #max: number;
  #used = 0;

  constructor(max: number) {
    this.#max = max;
  }

  /** Adds `count` characters; throws `too_large` once the total exceeds the limit. */
  take(count: number): void {
    this.#used += count;
    if (this.#used > this.#max) {
      const limit = formatCount(this.#max);
      throw tooLarge('maxExtractedChars', `The document holds more than ${limit} characters of text, the limit`);
    }
  }
}
