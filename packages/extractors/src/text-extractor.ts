import type { RawDocument } from '@docent/domain';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { manPageBlocks } from './man-page.ts';
import { finishDocument, splitAtBlankLines } from './raw-blocks.ts';
import { decodeSourceText } from './utf8-text.ts';

/**
 * Plain text: strict UTF-8 without BOM, paragraphs at blank lines. Rendered man pages keep their
 * structure (section, subsection and option headings; see `man-page.ts`). Throws `binary_content`
 * for bytes that are not text, `empty_document` when only whitespace remains and `too_large` when
 * the text is longer than `maxExtractedChars`.
 */
export const extractPlainText = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): RawDocument => {
  const text = decodeSourceText(bytes, limits.maxExtractedChars).replace(/\r\n?/g, '\n');
  const manPage = manPageBlocks(text);
  if (manPage) return finishDocument('text/plain', manPage.blocks, { title: manPage.title });
  const blocks = splitAtBlankLines(text).map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }));
  return finishDocument('text/plain', blocks);
};

/** Plain text: the extension, or any UTF-8 text no other text format claims (see `detectType`). */
export const PLAIN_TEXT_FORMAT: FormatDefinition = {
  contentType: 'text/plain',
  label: 'Text',
  extensions: ['txt', 'text'],
  detection: { kind: 'text' },
  extract: extractPlainText,
};
