import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Clock, PresignedUpload, UploadSigner, UploadSignRequest } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { type S3BucketOptions, s3ClientOf } from './s3-client.ts';
import { s3Failure } from './s3-errors.ts';

/** SigV4 query signatures live at most seven days. */
const MAX_EXPIRES_SECONDS = 604_800;

/** Configuration of {@link S3UploadSigner}. */
export interface S3UploadSignerOptions extends Omit<S3BucketOptions, 'client' | 'maxAttempts'> {
  /** Signing time (default: the system clock); a test moves it to see URLs expire. */
  clock?: Clock;
}

/**
 * Presigned S3 PUT URLs for direct uploads. The signature covers the host, `content-type`,
 * `x-amz-server-side-encryption: AES256` (kept as a header, not hoisted into the query, so S3 applies it) and,
 * when the client declared it, `content-length`; the client must send those headers exactly.
 *
 * Size: a PUT URL cannot bound the size. Only an exact, signed `content-length` makes S3 refuse other sizes
 * (a POST policy could bound a range, but `@aws-sdk/s3-presigned-post` is not used). Without one, `maxBytes`
 * is enforced after the fact: processing checks the object's size before reading it.
 *
 * The URL is signed with the client's current credentials; with a role's session credentials (Lambda) it
 * stops working when they expire, even if `expiresInSeconds` is later.
 */
export class S3UploadSigner implements UploadSigner {
  readonly #bucket: string;
  readonly #client: S3Client;
  readonly #clock: Clock | undefined;

  /** @throws DocentError `validation_failed` for an empty bucket name. */
  constructor(options: S3UploadSignerOptions) {
    // The SDK's default CRC32 of the (still empty) body would be signed into the URL, and S3 would
    // then reject every real upload with a checksum mismatch: sign no checksum at all.
    this.#client = s3ClientOf(options, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    this.#bucket = options.bucket;
    this.#clock = options.clock;
  }

  /** A PUT URL for `request.key`; see the class comment for what it enforces. */
  async presignUpload(request: UploadSignRequest): Promise<PresignedUpload> {
    const { key, contentType, maxBytes, contentLength, expiresInSeconds } = request;
    if (key === '') invalid('key', 'key must not be empty');
    if (contentType.trim() === '' || /[\r\n]/.test(contentType)) invalid('contentType', 'contentType is not valid');
    integer('maxBytes', maxBytes, 1, Number.MAX_SAFE_INTEGER);
    integer('expiresInSeconds', expiresInSeconds, 1, MAX_EXPIRES_SECONDS);
    if (contentLength !== undefined) {
      integer('contentLength', contentLength, 0, Number.MAX_SAFE_INTEGER);
      if (contentLength > maxBytes) {
        throw new DocentError('payload_too_large', `The file is larger than ${maxBytes} bytes.`, {
          details: { maxBytes, contentLength },
        });
      }
    }
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: key,
      ContentType: contentType,
      ServerSideEncryption: 'AES256',
      ...(contentLength === undefined ? {} : { ContentLength: contentLength }),
    });
    const headers: Record<string, string> = { 'content-type': contentType, 'x-amz-server-side-encryption': 'AES256' };
    if (contentLength !== undefined) headers['content-length'] = String(contentLength);
    try {
      const url = await getSignedUrl(this.#client, command, {
        expiresIn: expiresInSeconds,
        // The presigner leaves content-type unsigned unless asked; signing it pins the type the API checked.
        signableHeaders: new Set(['content-type']),
        ...(this.#clock === undefined ? {} : { signingDate: this.#clock.now() }),
      });
      return { url, method: 'PUT', headers };
    } catch (error) {
      throw s3Failure(error, 'presign PutObject');
    }
  }
}

const invalid = (field: string, message: string): never => {
  throw new DocentError('validation_failed', message, { details: { field } });
};

const integer = (field: string, value: number, minimum: number, maximum: number): void => {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    invalid(field, `${field} must be an integer from ${minimum} to ${maximum}, got ${value}`);
  }
};
