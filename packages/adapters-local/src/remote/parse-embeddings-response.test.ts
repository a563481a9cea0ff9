import { DocentError } from '@docent/domain';
import { vectorNorm } from '@docent/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmbeddingsResponse } from './parse-embeddings-response.ts';

const item = (index: number | undefined, embedding: unknown): Record<string, unknown> => ({ index, embedding });

const failure = (body: unknown, count = 1, dimensions = 2): string => {
  try {
    parseEmbeddingsResponse(body, count, dimensions);
  } catch (error) {
    expect(error).toBeInstanceOf(DocentError);
    expect((error as DocentError).code).toBe('embedding_failed');
    expect((error as DocentError).retryable).toBe(false);
    return (error as DocentError).message;
  }
  throw new Error('expected a failure');
};

describe('parseEmbeddingsResponse', () => {
  it('property: any order of items gives unit vectors in index order, pointing the same way', () => {
    const nonZero = fc
      .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 3 })
      .filter((row) => row.some((value) => value !== 0));
    const response = fc.array(nonZero, { minLength: 1, maxLength: 8 }).chain((embeddings) =>
      fc.tuple(
        fc.constant(embeddings),
        fc.shuffledSubarray(
          embeddings.map((embedding, index) => item(index, embedding)),
          { minLength: embeddings.length },
        ),
      ),
    );
    fc.assert(
      fc.property(response, ([embeddings, shuffled]) => {
        const vectors = parseEmbeddingsResponse({ data: shuffled }, embeddings.length, 3);
        for (const [index, vector] of vectors.entries()) {
          const raw = embeddings[index] ?? [];
          expect(vectorNorm(vector)).toBeCloseTo(1, 5);
          const scale = vectorNorm(Float32Array.from(raw));
          for (const [d, value] of raw.entries()) expect(vector[d]).toBeCloseTo(value / scale, 5);
        }
      }),
    );
  });

  it('takes array order when no item has an index', () => {
    const vectors = parseEmbeddingsResponse({ data: [item(undefined, [0, 2]), item(undefined, [3, 0])] }, 2, 2);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('rejects wrong shapes with embedding_failed', () => {
    expect(failure(null)).toContain('`data`');
    expect(failure({ data: {} })).toContain('`data`');
    expect(failure({ data: [] })).toContain('0 embeddings for 1 texts');
    expect(failure({ data: ['x'] })).toContain('not an object');
    expect(failure({ data: [item(1, [1, 0])] })).toContain('invalid index 1');
    expect(failure({ data: [item(0, [1, 0]), item(0, [1, 0])] }, 2)).toContain('index 0 twice');
    expect(failure({ data: [item(0, 'abc')] })).toContain('not an array');
    expect(failure({ data: [item(0, [1, 2, 3])] })).toContain('3 dimensions where 2');
    expect(failure({ data: [item(0, [1, null])] })).toContain('finite');
    expect(failure({ data: [item(0, [0, 0])] })).toContain('all zeros');
  });
});
