import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.ts';

describe('cosineSimilarity', () => {
  it('is 1 for one direction, -1 for the opposite, 0 for orthogonal or empty vectors', () => {
    const a = Float32Array.of(1, 2, 3);
    expect(cosineSimilarity(a, Float32Array.of(2, 4, 6))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(a, Float32Array.of(-1, -2, -3))).toBeCloseTo(-1, 6);
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 1))).toBe(0);
    expect(cosineSimilarity(Float32Array.of(0, 0), a)).toBe(0);
  });
});
