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

/** Document frequencies of some terms among one owner's chunks, for weighting terms by rarity. */
export interface TermStatistics {
  /** How many chunks the owner has indexed. */
  chunkCount: number;
  /** Per term asked for, how many of those chunks contain it in any field (0 when none). */
  chunkFrequencies: ReadonlyMap<string, number>;
}

/** BM25-style keyword search over chunks. Text analysis is the domain's `analyzeText`. */
export interface LexicalIndex {
  /** Adds entries; adding a chunk id again replaces it. */
  add(entries: readonly LexicalEntry[]): Promise<void>;
  /** Best matches first. An empty query (after analysis) returns no hits. */
  search(query: LexicalQuery): Promise<ScoredChunk[]>;
  /**
   * Chunk frequencies of `terms` (already analysed with `analyzeText`) among the owner's chunks: the
   * same statistics the index ranks with, so callers can weigh a question's terms by rarity.
   */
  termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics>;
  /** Removes every entry of the owner's document. */
  deleteDocument(ownerId: string, documentId: string): Promise<void>;
}
