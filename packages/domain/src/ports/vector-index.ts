import type { ScoredChunk } from './scored-chunk.ts';

/** One stored vector. */
export interface VectorEntry {
  chunkId: string;
  documentId: string;
  ownerId: string;
  vector: Float32Array;
}

/** A nearest-neighbour search, scoped to one owner and optionally to some of their documents. */
export interface VectorQuery {
  vector: Float32Array;
  ownerId: string;
  documentIds?: readonly string[];
  limit: number;
}

/** Dense vector search by cosine similarity (score in [-1, 1], higher is nearer). */
export interface VectorIndex {
  /** Adds vectors; a chunk id added again is replaced. Throws `validation_failed` on a wrong dimension. */
  upsert(entries: readonly VectorEntry[]): Promise<void>;
  /** Nearest first. */
  search(query: VectorQuery): Promise<ScoredChunk[]>;
  /** Removes every vector of the owner's document. */
  deleteDocument(ownerId: string, documentId: string): Promise<void>;
}
