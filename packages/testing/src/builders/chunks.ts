import type { Chunk, DocumentText } from '@docent/domain';
import { uniqueId } from './unique-id.ts';

/** A single chunk whose offsets cover its own text; override ids and offsets as needed. */
export const makeChunk = (overrides: Partial<Chunk> = {}): Chunk => {
  const text = overrides.text ?? 'The quick brown fox jumps over the lazy dog.';
  return {
    id: uniqueId('chunk'),
    documentId: uniqueId('doc'),
    ownerId: uniqueId('owner'),
    ordinal: 0,
    text,
    charStart: 0,
    charEnd: text.length,
    ...overrides,
  };
};

/** Options of `makeDocumentContent`. */
export interface DocumentContentOptions {
  ownerId: string;
  documentId: string;
  /** One block and one chunk per paragraph, joined by "\n" like normalised text. */
  paragraphs: readonly string[];
  /** Page given to every chunk and the single page span (omitted when absent). */
  page?: number;
  /** Heading given to every chunk (omitted when absent). */
  heading?: string;
}

/**
 * A consistent normalised text and its chunks: every chunk's `text` equals
 * `text.text.slice(charStart, charEnd)`, as the Chunk entity promises.
 */
export const makeDocumentContent = (options: DocumentContentOptions): { text: DocumentText; chunks: Chunk[] } => {
  const blocks: DocumentText['blocks'] = [];
  const chunks: Chunk[] = [];
  let offset = 0;
  options.paragraphs.forEach((paragraph, ordinal) => {
    const charStart = offset;
    const charEnd = charStart + paragraph.length;
    blocks.push({ charStart, charEnd });
    chunks.push({
      id: uniqueId('chunk'),
      documentId: options.documentId,
      ownerId: options.ownerId,
      ordinal,
      text: paragraph,
      charStart,
      charEnd,
      ...(options.page === undefined ? {} : { page: options.page }),
      ...(options.heading === undefined ? {} : { heading: options.heading }),
    });
    offset = charEnd + 1;
  });
  const full = options.paragraphs.join('\n');
  const pages = options.page === undefined ? [] : [{ page: options.page, charStart: 0, charEnd: full.length }];
  return { text: { text: full, pages, headings: [], blocks }, chunks };
};
