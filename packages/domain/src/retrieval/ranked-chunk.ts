import type { Chunk } from '../entities/chunk.ts';
import type { DocumentRecord } from '../entities/document.ts';

/** A retrieved chunk of a ready document with its score (higher is better). */
export interface RankedChunk {
  chunk: Chunk;
  document: DocumentRecord;
  score: number;
  /** For a multi-part question: the index of the part whose ranking first brought the chunk. */
  part?: number;
}

/** Orders by score, best first; ties by chunk id, so a ranking never depends on input order. */
export const byScoreThenId = (a: RankedChunk, b: RankedChunk): number =>
  b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0);
