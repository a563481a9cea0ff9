import { type ApproximateSearchOptions, DEFAULT_APPROXIMATE_SEARCH } from '@docent/adapters-local';
import { z } from 'zod';

/** How the local store searches vectors: `false` for exact search only, else the approximate index's settings. */
export type VectorSearchConfig = Partial<ApproximateSearchOptions> | false;

/** The vector search settings; merged into the server's one schema. Defaults are the store's own. */
export const vectorSearchSchema = {
  DOCENT_VECTOR_SEARCH: z.enum(['auto', 'exact']).default('auto'),
  DOCENT_ANN_INDEX: z.enum(['codes', 'hnsw']).default(DEFAULT_APPROXIMATE_SEARCH.index),
  DOCENT_ANN_MIN_VECTORS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000_000)
    .default(DEFAULT_APPROXIMATE_SEARCH.minVectors),
  DOCENT_ANN_QUANTIZATION: z.enum(['f16', 'i8', 'f32']).default(DEFAULT_APPROXIMATE_SEARCH.quantization),
  DOCENT_ANN_EXPANSION_SEARCH: z.coerce
    .number()
    .int()
    .min(16)
    .max(16_384)
    .default(DEFAULT_APPROXIMATE_SEARCH.expansionSearch),
  DOCENT_ANN_SEGMENT_VECTORS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(100_000_000)
    .default(DEFAULT_APPROXIMATE_SEARCH.segmentVectors),
  DOCENT_ANN_INSERT_THREADS: z.coerce.number().int().min(1).max(64).default(DEFAULT_APPROXIMATE_SEARCH.insertThreads),
};

type VectorSearchSettings = { [K in keyof typeof vectorSearchSchema]: z.infer<(typeof vectorSearchSchema)[K]> };

/** The vector search part of the config from parsed settings. */
export const vectorSearchConfig = (c: VectorSearchSettings): VectorSearchConfig =>
  c.DOCENT_VECTOR_SEARCH === 'exact'
    ? false
    : {
        index: c.DOCENT_ANN_INDEX,
        minVectors: c.DOCENT_ANN_MIN_VECTORS,
        quantization: c.DOCENT_ANN_QUANTIZATION,
        expansionSearch: c.DOCENT_ANN_EXPANSION_SEARCH,
        segmentVectors: c.DOCENT_ANN_SEGMENT_VECTORS,
        insertThreads: c.DOCENT_ANN_INSERT_THREADS,
      };
