/**
 * The S3 Vectors API limits the adapter must respect (Amazon S3 User Guide, "Limitations and
 * restrictions" of S3 Vectors; checked 2026-12-06). A request beyond any of them is rejected whole.
 */
export const S3_VECTORS_LIMITS = {
  /** Vectors per PutVectors call. */
  putBatch: 500,
  /** Keys per DeleteVectors call. */
  deleteBatch: 500,
  /** Largest `topK` of one QueryVectors call. */
  maxTopK: 100,
  /** Request payload size (20 MiB). */
  maxPayloadBytes: 20 * 1024 * 1024,
  /** Dimensions of a vector. */
  maxDimensions: 4096,
  /** Filterable metadata per vector (2 KB). */
  maxFilterableMetadataBytes: 2048,
} as const;

// Longest JSON text of one value: a unit vector's components are doubles, written with up to 17 digits
// ("-1.1754943508222875e-38" and a comma). Then room for a vector's key (1 KB) and filterable metadata (2 KB).
const JSON_BYTES_PER_DIMENSION = 24;
const BYTES_PER_VECTOR_OVERHEAD = 4096;

/**
 * Vectors per PutVectors call at this dimension: the count limit, lowered so a batch of the longest
 * vectors stays under the payload limit with room to spare (a batch of 4,096-d vectors holds 184).
 */
export const putBatchSize = (dimensions: number): number =>
  Math.max(
    1,
    Math.min(
      S3_VECTORS_LIMITS.putBatch,
      Math.floor(
        (S3_VECTORS_LIMITS.maxPayloadBytes * 0.9) / (dimensions * JSON_BYTES_PER_DIMENSION + BYTES_PER_VECTOR_OVERHEAD),
      ),
    ),
  );
