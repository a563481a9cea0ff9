import type { DatabaseSync } from 'node:sqlite';

/**
 * Vectors kept per question while scanning: a chunk has a few sentence vectors (about 4), so the
 * best 20 per chunk asked for always hold the `k` best distinct chunks.
 */
const VECTORS_PER_CHUNK_KEPT = 20;

interface Scored {
  chunkId: string;
  score: number;
}

/**
 * The exact answer a vector index approximates: for each query, the `k` chunks whose nearest stored
 * vector has the highest cosine with it (vectors are unit length, so cosine is the dot product),
 * found by reading every vector of `ownerId` once from `vector_items` (sqlite-vec must be loaded).
 */
export const exactTopChunks = (
  db: DatabaseSync,
  ownerId: string,
  queries: readonly Float32Array[],
  k: number,
): string[][] => {
  const keep = k * VECTORS_PER_CHUNK_KEPT;
  const best: Scored[][] = queries.map(() => []);
  const floor = queries.map(() => Number.NEGATIVE_INFINITY);
  const rows = db
    .prepare(
      `SELECT e.chunk_id AS chunkId, v.embedding AS embedding
       FROM vector_items AS v JOIN vector_entries AS e ON e.entry_id = v.rowid
       WHERE v.owner_id = ?`,
    )
    .iterate(ownerId) as Iterable<{ chunkId: string; embedding: Uint8Array }>;
  for (const { chunkId, embedding } of rows) {
    const vector = new Float32Array(embedding.buffer, embedding.byteOffset, embedding.byteLength / 4);
    for (const [q, query] of queries.entries()) {
      let dot = 0;
      for (let i = 0; i < vector.length; i++) dot += (vector[i] as number) * (query[i] as number);
      if (dot <= (floor[q] as number)) continue;
      const list = best[q] as Scored[];
      list.push({ chunkId, score: dot });
      // Trim in batches: sorting on every insert would cost more than the scan.
      if (list.length >= 4 * keep) {
        list.sort((a, b) => b.score - a.score).length = keep;
        floor[q] = (list[keep - 1] as Scored).score;
      }
    }
  }
  return best.map((list) => {
    const chunks: string[] = [];
    for (const { chunkId } of list.sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))) {
      if (!chunks.includes(chunkId)) chunks.push(chunkId);
      if (chunks.length === k) break;
    }
    return chunks;
  });
};
