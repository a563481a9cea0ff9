import type { RawBlock, RawDocument } from '@docent/domain';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import { within } from './odf-content.ts';
import { extractOdf, type OdfReader, odfFormat } from './odf-package.ts';

const ODT_TYPE = 'application/vnd.oasis.opendocument.text';

/**
 * Text document blocks: `text:h` headings at their outline level, list items, paragraphs, and each
 * table row as one `table-row` block with its cells separated by tabs (as DOCX rows are).
 */
const textReader = (): OdfReader => {
  const blocks: RawBlock[] = [];
  const rows: string[][] = [];
  return {
    open(element) {
      if (element.name === 'table:table-row') rows.push([]);
      else if (element.name === 'table:table-cell') rows.at(-1)?.push('');
    },
    close(name) {
      if (name !== 'table:table-row') return;
      const cells = (rows.pop() ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
      blocks.push({ kind: 'table-row', text: cells.join('\t') });
    },
    paragraph(text, level, stack) {
      const cells = rows.at(-1);
      if (cells !== undefined && within(stack, 'table:table-cell')) {
        cells[cells.length - 1] = `${cells.at(-1) ?? ''}\n${text}`;
      } else if (level !== undefined) blocks.push({ kind: 'heading', level: Math.min(level, 9), text });
      else if (within(stack, 'text:list-item')) blocks.push({ kind: 'list-item', text });
      else blocks.push({ kind: 'paragraph', text });
    },
    blocks: () => blocks,
  };
};

const ODT = { contentType: ODT_TYPE, label: 'OpenDocument text', extension: 'odt' };

/** OpenDocument text (LibreOffice Writer); see `extractOdf` for errors. */
export const extractOdt = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument =>
  extractOdf(bytes, limits, ODT, textReader);

/** OpenDocument text: a package whose `mimetype` member says so. */
export const ODT_FORMAT = odfFormat(ODT, extractOdt);
