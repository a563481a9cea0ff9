export { S3_VECTORS_LIMITS } from './s3vectors-limits.ts';
export * from './s3vectors-vector-index.ts';
export { NON_FILTERABLE_METADATA_KEYS } from './vector-metadata.ts';
