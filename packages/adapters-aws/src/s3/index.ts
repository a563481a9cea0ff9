export * from './s3-blob-store.ts';
export * from './s3-chunk-repository.ts';
export type { S3BucketOptions } from './s3-client.ts';
export * from './s3-upload-signer.ts';
