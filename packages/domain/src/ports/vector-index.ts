import type { ScoredChunk } from './scored-chunk.ts';

/**
 * One stored vector. A chunk may have several (one per sentence window), each under its own
 * `entryId`; a chunk with one vector may leave `entryId` out, and it then defaults to `chunkId`.
 */
export interface VectorEntry {
  /** Identity of this vector; upserting the same id replaces it (default `chunkId`). */
  entryId?: string;
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
  /** Most chunks returned (not vectors: a chunk's vectors count once). */
  limit: number;
}

/**
 * Dense vector search by cosine similarity (score in [-1, 1], higher is nearer). A chunk scores as
 * its nearest vector (max-pooling), so a passage is found by its best-matching sentence.
 */
export interface VectorIndex {
  /** Adds vectors; an entry id added again is replaced. Throws `validation_failed` on a wrong dimension. */
  upsert(entries: readonly VectorEntry[]): Promise<void>;
  /** Chunks, nearest first, each scored by its nearest vector; a chunk appears at most once. */
  search(query: VectorQuery): Promise<ScoredChunk[]>;
  /** Removes every vector of the owner's document. */
  deleteDocument(ownerId: string, documentId: string): Promise<void>;
}
