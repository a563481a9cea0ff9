import type { RawDocument } from '@docent/domain';
import { manPageBlocks } from './man-page.ts';
import { finishDocument, splitAtBlankLines } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

/**
 * Plain text: strict UTF-8 without BOM, paragraphs at blank lines. Rendered man pages keep their
 * structure (section, subsection and option headings; see `man-page.ts`). Throws `binary_content`
 * for bytes that are not text and `empty_document` when only whitespace remains.
 */
export const extractPlainText = (bytes: Uint8Array): RawDocument => {
  const text = decodeTextContent(bytes).replace(/\r\n?/g, '\n');
  const manPage = manPageBlocks(text);
  if (manPage) return finishDocument('text/plain', manPage.blocks, { title: manPage.title });
  const blocks = splitAtBlankLines(text).map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }));
  return finishDocument('text/plain', blocks);
};
