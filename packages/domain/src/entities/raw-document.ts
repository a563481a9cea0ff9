import type { ContentType } from './document.ts';

/** The structural role of an extracted block; chunking prefers to cut between blocks. */
export type RawBlockKind = 'heading' | 'paragraph' | 'list-item' | 'code' | 'table-row';

/** One block of text as an extractor found it, before normalisation. */
export interface RawBlock {
  kind: RawBlockKind;
  text: string;
  /** Heading level (1 = top) for `heading` blocks. */
  level?: number;
  /** 1-based physical page for paged formats. */
  page?: number;
}

/** What an extractor returns: blocks in reading order. `normalizeDocument` turns it into DocumentText. */
export interface RawDocument {
  contentType: ContentType;
  blocks: RawBlock[];
  /** Number of pages for paged formats (PDF). */
  pageCount?: number;
  /** Document title from metadata or the first top-level heading, if any. */
  title?: string;
}
