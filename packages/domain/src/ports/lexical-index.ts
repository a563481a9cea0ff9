import type { ScoredChunk } from './scored-chunk.ts';

/** What the lexical index stores per chunk. */
export interface LexicalEntry {
  chunkId: string;
  documentId: string;
  ownerId: string;
  text: string;
  /** Section heading of the chunk; matches in it weigh more. */
  heading?: string;
  /** File name of the document; matches in it weigh more. */
  documentName: string;
}

/** A keyword search, scoped to one owner and optionally to some of their documents. */
export interface LexicalQuery {
  text: string;
  ownerId: string;
  documentIds?: readonly string[];
  limit: number;
}

/** BM25-style keyword search over chunks. Text analysis is the domain's `analyzeText`. */
export interface LexicalIndex {
  /** Adds entries; adding a chunk id again replaces it. */
  add(entries: readonly LexicalEntry[]): Promise<void>;
  /** Best matches first. An empty query (after analysis) returns no hits. */
  search(query: LexicalQuery): Promise<ScoredChunk[]>;
  /** Removes every entry of the owner's document. */
  deleteDocument(ownerId: string, documentId: string): Promise<void>;
}
