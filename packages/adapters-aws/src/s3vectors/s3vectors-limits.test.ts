import { describe, expect, it } from 'vitest';
import { putBatchSize, S3_VECTORS_LIMITS } from './s3vectors-limits.ts';

describe('putBatchSize', () => {
  it('sends 500 vectors per call up to the dimensions Docent embeds with', () => {
    for (const dimensions of [256, 512, 1024]) expect(putBatchSize(dimensions)).toBe(S3_VECTORS_LIMITS.putBatch);
  });

  it('keeps a batch of the longest vectors, written as JSON, under the 20 MiB payload limit', () => {
    const dimensions = S3_VECTORS_LIMITS.maxDimensions;
    const size = putBatchSize(dimensions);
    expect(size).toBeLessThan(S3_VECTORS_LIMITS.putBatch);
    // The longest float32 text, and the largest filterable metadata a vector may carry.
    const vector = {
      key: 'k'.repeat(1024),
      data: { float32: new Array<number>(dimensions).fill(-1.1754943508222875e-38) },
      metadata: { ownerId: 'o'.repeat(900), documentId: 'd'.repeat(900), chunkId: 'c'.repeat(200) },
    };
    const body = JSON.stringify({ vectorBucketName: 'b', indexName: 'i', vectors: new Array(size).fill(vector) });
    expect(Buffer.byteLength(body)).toBeLessThan(S3_VECTORS_LIMITS.maxPayloadBytes);
  });
});
