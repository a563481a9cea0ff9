/** A vector of `dimensions` zeros with `values` written from index 0 on. */
export const vectorOf = (dimensions: number, values: readonly number[]): Float32Array => {
  if (values.length > dimensions) throw new RangeError(`${values.length} values do not fit ${dimensions} dimensions`);
  const vector = new Float32Array(dimensions);
  vector.set(values);
  return vector;
};

/** The unit vector along `axis`. */
export const unitVector = (dimensions: number, axis: number): Float32Array => {
  if (axis < 0 || axis >= dimensions) throw new RangeError(`axis ${axis} is outside ${dimensions} dimensions`);
  const vector = new Float32Array(dimensions);
  vector[axis] = 1;
  return vector;
};

/** Euclidean length. */
export const vectorNorm = (vector: Float32Array): number => {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
};

/** Cosine similarity; 0 when either vector has no length. */
export const cosine = (a: Float32Array, b: Float32Array): number => {
  if (a.length !== b.length) throw new RangeError(`cosine of vectors of length ${a.length} and ${b.length}`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  const norms = vectorNorm(a) * vectorNorm(b);
  return norms === 0 ? 0 : dot / norms;
};

/**
 * A reproducible pseudo-random vector with components in [-1, 1) (mulberry32 seeded by `seed`),
 * so property tests can generate many high-dimensional vectors from one small integer each.
 */
export const seededVector = (dimensions: number, seed: number): Float32Array => {
  let state = seed >>> 0;
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    vector[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return vector;
};
