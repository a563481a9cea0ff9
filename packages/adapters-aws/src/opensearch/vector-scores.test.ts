import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosineFromScore, maxPoolByChunk, unitVector } from './vector-scores.ts';

describe('cosineFromScore', () => {
  it("inverts OpenSearch's Faiss inner-product score for every cosine in [-1, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (cosine) => {
        const score = cosine > 0 ? cosine + 1 : 1 / (1 - cosine);
        expect(cosineFromScore(score)).toBeCloseTo(cosine, 9);
      }),
    );
  });

  it('clamps scores outside the possible range', () => {
    expect(cosineFromScore(2.0000001)).toBe(1);
    expect(cosineFromScore(0.49)).toBe(-1);
    expect(cosineFromScore(0)).toBe(-1);
  });
});

describe('unitVector', () => {
  it('scales to length 1 and keeps a zero vector zero', () => {
    expect(unitVector(new Float32Array([0, -3, 0, 4]))).toEqual([0, -0.6, 0, 0.8]);
    expect(unitVector(new Float32Array(3))).toEqual([0, 0, 0]);
  });
});

describe('maxPoolByChunk', () => {
  it("keeps each chunk's best score, orders by score then chunk id, and cuts at limit", () => {
    const hits = [
      { chunkId: 'b', documentId: 'd', score: 0.2 },
      { chunkId: 'a', documentId: 'd', score: 0.5 },
      { chunkId: 'b', documentId: 'd', score: 0.9 },
      { chunkId: 'c', documentId: 'd', score: 0.5 },
    ];
    expect(maxPoolByChunk(hits, 3)).toEqual([
      { chunkId: 'b', documentId: 'd', score: 0.9 },
      { chunkId: 'a', documentId: 'd', score: 0.5 },
      { chunkId: 'c', documentId: 'd', score: 0.5 },
    ]);
    expect(maxPoolByChunk(hits, 1).map((hit) => hit.chunkId)).toEqual(['b']);
  });
});
