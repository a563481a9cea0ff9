import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DocentError } from '@docent/domain';

/** Which bucket an S3 adapter uses and how it reaches S3. */
export interface S3BucketOptions {
  /** The bucket holding the objects. */
  bucket: string;
  /** A client to reuse; when absent, one is built from the options below. */
  client?: S3Client;
  /** AWS region of the built client (default: the SDK's resolution, e.g. `AWS_REGION`). */
  region?: string;
  /** Endpoint override of the built client, e.g. a local S3 server. */
  endpoint?: string;
  /** Credentials of the built client (default: the SDK's provider chain, e.g. the Lambda role). */
  credentials?: S3ClientConfig['credentials'];
  /** Path-style URLs (`endpoint/bucket/key`), which local S3 servers need (default false). */
  forcePathStyle?: boolean;
  /** Attempts per call of the built client, retries of throttling and 5xx included (default 3, the SDK's). */
  maxAttempts?: number;
}

/** The given client, or a new one from the options; `extra` tunes only a built client. */
export const s3ClientOf = (options: S3BucketOptions, extra: Partial<S3ClientConfig> = {}): S3Client => {
  if (options.bucket.trim() === '') {
    throw new DocentError('validation_failed', 'bucket must not be empty', { details: { field: 'bucket' } });
  }
  if (options.client !== undefined) return options.client;
  return new S3Client({
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.forcePathStyle === undefined ? {} : { forcePathStyle: options.forcePathStyle }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...extra,
  });
};
