/** A search hit: a chunk reference and a score where higher is better. */
export interface ScoredChunk {
  chunkId: string;
  documentId: string;
  score: number;
}
