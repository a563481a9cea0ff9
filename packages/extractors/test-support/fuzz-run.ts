import type { TextExtractor } from '@docent/domain';
import { isDocentError } from '@docent/domain';
import type { FuzzCase } from './fuzz-cases.ts';

/** What extraction may answer for any file: a document, or one of these codes. */
export const EXPECTED_CODES: ReadonlySet<string> = new Set([
  'extraction_failed',
  'empty_document',
  'binary_content',
  'encrypted_pdf',
  'too_large',
  'extraction_timeout',
]);

/** How one case ended: `ok`, `unsupported` (refused at upload), an expected code, or `unexpected`. */
export interface FuzzOutcome {
  fuzzCase: FuzzCase;
  outcome: string;
  ms: number;
  /** What was wrong, for `unexpected` outcomes. */
  detail?: string;
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const classify = (error: unknown): { outcome: string; detail?: string } => {
  if (!isDocentError(error)) return { outcome: 'unexpected', detail: describe(error) };
  const unexpected = error.details?.unexpected;
  if (typeof unexpected === 'string') return { outcome: 'unexpected', detail: unexpected };
  if (!EXPECTED_CODES.has(error.code)) return { outcome: 'unexpected', detail: `${error.code}: ${error.message}` };
  return { outcome: error.code };
};

/**
 * Runs one case as the server does: detect the type from name and bytes (unless the case declares
 * one), then extract. A document must have blocks of text of the asked type.
 */
export const runFuzzCase = async (extractor: TextExtractor, fuzzCase: FuzzCase): Promise<FuzzOutcome> => {
  const started = performance.now();
  const done = (result: { outcome: string; detail?: string }): FuzzOutcome => ({
    fuzzCase,
    ...result,
    ms: performance.now() - started,
  });
  try {
    const type = fuzzCase.declaredType ?? extractor.detectType(fuzzCase.name, fuzzCase.bytes);
    if (type === null) return done({ outcome: 'unsupported' });
    const document = await extractor.extract(fuzzCase.bytes, type);
    const blank = document.blocks.find((block) => typeof block.text !== 'string' || block.text.trim() === '');
    if (document.contentType !== type || document.blocks.length === 0 || blank !== undefined) {
      return done({ outcome: 'unexpected', detail: 'a document without text blocks of the asked type' });
    }
    return done({ outcome: 'ok' });
  } catch (error) {
    return done(classify(error));
  }
};
