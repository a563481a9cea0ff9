import type { DocumentText } from '../entities/chunk.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

/** What question understanding knows about one of the caller's documents. */
export interface CatalogDocument {
  documentId: string;
  /** The file name as uploaded (`curl.1.txt`, `zstd-README.md`). */
  name: string;
  /** A title from metadata, when the caller has one. */
  title?: string;
  /** Lines that name the document: opening title lines, first heading, man-page NAME line. */
  headings: readonly string[];
  /** Term counts of the whole text; without it, absent qualifiers and API names go unreported. */
  vocabulary?: Vocabulary;
}

/** What {@link catalogDocument} reads. */
export interface CatalogDocumentInput {
  documentId: string;
  name: string;
  title?: string;
  text: DocumentText;
}

// Title lines are short; a long opening block is body text.
const TITLE_LINE_MAX = 100;
const OPENING_BLOCKS = 3;
const NAME_HEADING = /^(?:\d+(?:\.\d+)*\.?\s*)?name$/i;
// Table-of-contents dot leaders and page numbers after a heading.
const LEADERS = /(?:\s*\.){3,}[\s\d]*$/;

/**
 * The lines of a document that say what it is: its first few short blocks, its first heading,
 * and the line after a `NAME` heading (man pages). No line is taken from deep inside the text, so
 * a section title never passes for the document's name.
 */
export const identityHeadings = (text: DocumentText): string[] => {
  const lines: string[] = [];
  const blockText = (block: { charStart: number; charEnd: number }) =>
    text.text.slice(block.charStart, block.charEnd).replace(LEADERS, '').trim();
  for (const block of text.blocks.slice(0, OPENING_BLOCKS)) {
    const line = blockText(block);
    if (line.length <= TITLE_LINE_MAX) lines.push(line);
  }
  const [first] = text.headings;
  if (first !== undefined) lines.push(first.text.replace(LEADERS, '').trim());
  const name = text.headings.find((h) => NAME_HEADING.test(h.text.trim()));
  if (name !== undefined) {
    const next = text.blocks.find((b) => b.charStart > name.charStart);
    if (next !== undefined) lines.push(blockText(next));
  }
  return [...new Set(lines.filter((line) => line !== ''))];
};

/** Builds a catalog entry from a processed document; cache it per document and version. */
export const catalogDocument = (input: CatalogDocumentInput): CatalogDocument => ({
  documentId: input.documentId,
  name: input.name,
  ...(input.title === undefined ? {} : { title: input.title }),
  headings: identityHeadings(input.text),
  vocabulary: buildVocabulary(input.text.text),
});
