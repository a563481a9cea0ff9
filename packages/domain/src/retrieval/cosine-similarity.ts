/**
 * Cosine similarity of two vectors of one width, in [-1, 1] (rounding cannot push it outside); 0
 * when either has no length. For adapters and tools that score vectors themselves.
 */
export const cosineSimilarity = (a: Float32Array, b: Float32Array): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb)));
};
