import { cosine, seededVector } from '@docent/testing';

/**
 * `count` vectors around `clusters` random centres (each centre plus noise of relative size
 * `spread`), as sentence embeddings of a corpus bunch around its topics. Deterministic per seed.
 */
export const clusteredVectors = (
  options: { count: number; clusters: number; dimensions: number; spread: number },
  seed: number,
): Float32Array[] => {
  const centres = Array.from({ length: options.clusters }, (_, c) => seededVector(options.dimensions, seed * 7919 + c));
  return Array.from({ length: options.count }, (_, i) => {
    const centre = centres[i % options.clusters] as Float32Array;
    const noise = seededVector(options.dimensions, seed * 104_729 + 100_000 + i);
    return centre.map((value, d) => value + options.spread * (noise[d] ?? 0));
  });
};

/** The exact answer: ids of the `k` chunks whose nearest vector is nearest to `query`. */
export const exactTopChunks = (
  query: Float32Array,
  entries: ReadonlyArray<{ chunkId: string; vector: Float32Array }>,
  k: number,
): string[] => {
  const best = new Map<string, number>();
  for (const entry of entries) {
    const score = cosine(query, entry.vector);
    if (score > (best.get(entry.chunkId) ?? Number.NEGATIVE_INFINITY)) best.set(entry.chunkId, score);
  }
  return [...best]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([chunkId]) => chunkId);
};
