import type { RawDocument } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import { manPageBlocks } from './man-page.ts';
import { finishDocument, splitAtBlankLines } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

/**
 * Plain text: strict UTF-8 without BOM, paragraphs at blank lines. Rendered man pages keep their
 * structure (section, subsection and option headings; see `man-page.ts`). Throws `binary_content`
 * for bytes that are not text, `empty_document` when only whitespace remains and `too_large` when
 * the text is longer than `maxExtractedChars` (decided before any splitting: the text is the output).
 */
export const extractPlainText = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): RawDocument => {
  const decoded = decodeTextContent(bytes);
  new CharBudget(limits.maxExtractedChars).take(decoded.length);
  const text = decoded.replace(/\r\n?/g, '\n');
  const manPage = manPageBlocks(text);
  if (manPage) return finishDocument('text/plain', manPage.blocks, { title: manPage.title });
  const blocks = splitAtBlankLines(text).map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }));
  return finishDocument('text/plain', blocks);
};
