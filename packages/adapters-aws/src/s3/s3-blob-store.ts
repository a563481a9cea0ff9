import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BlobStore } from '@docent/domain';
import { type S3BucketOptions, s3ClientOf } from './s3-client.ts';
import { isNoSuchKey, s3Failure } from './s3-errors.ts';

/**
 * Blobs as S3 objects of one bucket, under exactly the keys the domain gives (`documents/{userId}/{documentId}`).
 * Every put asks for SSE-S3 (`AES256`) and stores the content type; S3 replaces an object atomically, so a
 * reader sees the old bytes or the new ones. Failures are DocentError `unavailable` (see `s3Failure`),
 * retryable for throttling (`SlowDown`), 5xx and network errors, after the client's own retries.
 *
 * IAM: `s3:GetObject`, `s3:PutObject`, `s3:DeleteObject` on the keys and `s3:ListBucket` on the bucket;
 * without ListBucket, S3 answers a missing key with 403 AccessDenied instead of 404 NoSuchKey.
 */
export class S3BlobStore implements BlobStore {
  readonly #bucket: string;
  readonly #client: S3Client;

  /** @throws DocentError `validation_failed` for an empty bucket name. */
  constructor(options: S3BucketOptions) {
    this.#client = s3ClientOf(options);
    this.#bucket = options.bucket;
  }

  /** Writes the bytes (server-side encrypted) with their content type, when given. */
  async put(key: string, bytes: Uint8Array, options: { contentType?: string } = {}): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      Body: bytes,
      ContentLength: bytes.byteLength,
      ServerSideEncryption: 'AES256',
      ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
    });
    try {
      await this.#client.send(command);
    } catch (error) {
      throw s3Failure(error, 'PutObject');
    }
  }

  /** A fresh copy of the bytes, or null when the key holds no object. */
  async get(key: string): Promise<Uint8Array | null> {
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (response.Body === undefined) return new Uint8Array(0);
      return await response.Body.transformToByteArray();
    } catch (error) {
      if (isNoSuchKey(error)) return null;
      throw s3Failure(error, 'GetObject');
    }
  }

  /** Removes the object; S3 answers 204 for a missing key too, so this is idempotent. */
  async delete(key: string): Promise<void> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      throw s3Failure(error, 'DeleteObject');
    }
  }
}
