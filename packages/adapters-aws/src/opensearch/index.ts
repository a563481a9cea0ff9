export type { BulkOptions } from './bulk-writer.ts';
export { type ChunkIndexOptions, DEFAULT_CHUNK_INDEX, ensureChunkIndex } from './chunk-index.ts';
export * from './opensearch-client.ts';
export * from './opensearch-lexical-index.ts';
export * from './opensearch-vector-index.ts';
