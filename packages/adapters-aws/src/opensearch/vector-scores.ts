import { byScoreThenChunkId, type ScoredChunk } from '@docent/domain';

/**
 * The vector scaled to length 1, as plain numbers for JSON. On unit vectors the index's inner product
 * is cosine similarity. A zero vector has no direction and stays zero: its inner product with
 * anything is 0, the same "unrelated" score the SQLite adapter gives it.
 */
export const unitVector = (vector: Float32Array): number[] => {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
};

/**
 * The cosine similarity behind a Faiss `innerproduct` score. OpenSearch turns the inner product p
 * into a positive score: p + 1 when p > 0, else 1 / (1 - p). Clamped to [-1, 1] against float error.
 */
export const cosineFromScore = (score: number): number => {
  const cosine = score >= 1 ? score - 1 : score > 0 ? 1 - 1 / score : -1;
  return Math.min(1, Math.max(-1, cosine));
};

/**
 * One hit per chunk, scored by its nearest vector (max-pooling), best first (ties by chunk id, so the
 * order is stable), at most `limit`.
 */
export const maxPoolByChunk = (hits: readonly ScoredChunk[], limit: number): ScoredChunk[] => {
  const best = new Map<string, ScoredChunk>();
  for (const hit of hits) {
    const previous = best.get(hit.chunkId);
    if (previous === undefined || hit.score > previous.score) best.set(hit.chunkId, hit);
  }
  return [...best.values()].sort(byScoreThenChunkId).slice(0, limit);
};
