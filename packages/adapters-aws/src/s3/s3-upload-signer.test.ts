import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expectDocentError } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presignedSignatureMatches } from '../../test-support/presigned-url-signature.ts';
import { S3RVER_CREDENTIALS, type S3TestServer, startS3TestServer } from '../../test-support/s3-test-server.ts';
import { S3UploadSigner, type S3UploadSignerOptions } from './s3-upload-signer.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(() => server.close());

const signerFor = (bucket: string, extra: Partial<S3UploadSignerOptions> = {}): S3UploadSigner =>
  new S3UploadSigner({
    bucket,
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    ...extra,
  });

const upload = { contentType: 'application/pdf', maxBytes: 10_000_000, expiresInSeconds: 300 } as const;
const PDF = new TextEncoder().encode('%PDF-1.7 tiny body');

describe('S3UploadSigner', () => {
  it('signs a PUT that stores the object with its type, which is then readable', async () => {
    const bucket = await server.createBucket();
    const key = 'documents/user-7/doc-42';
    const signed = await signerFor(bucket).presignUpload({ key, ...upload });

    expect(signed.method).toBe('PUT');
    expect(signed.headers).toEqual({ 'content-type': 'application/pdf', 'x-amz-server-side-encryption': 'AES256' });
    const url = new URL(signed.url);
    expect(url.pathname).toBe(`/${bucket}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host;x-amz-server-side-encryption');
    // A signed checksum of the empty body would make real S3 reject every upload.
    expect([...url.searchParams.keys()].filter((name) => name.toLowerCase().includes('checksum'))).toEqual([]);

    const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: PDF });
    expect(response.status).toBe(200);
    const object = await server.client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(object.ContentType).toBe('application/pdf');
    expect(await object.Body?.transformToByteArray()).toEqual(PDF);
  });

  it('the signature S3 recomputes matches, and covers the content type and the SSE header', async () => {
    const bucket = await server.createBucket();
    const signed = await signerFor(bucket).presignUpload({ key: 'documents/u/d', ...upload });
    await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: PDF });
    const arrival = server.received.findLast((request) => request.method === 'PUT');
    if (arrival === undefined) throw new Error('the upload never arrived');

    expect(presignedSignatureMatches(arrival, S3RVER_CREDENTIALS.secretAccessKey)).toBe(true);
    expect(presignedSignatureMatches(arrival, 'another-secret')).toBe(false);
    for (const [name, value] of [
      ['content-type', 'text/html'],
      ['x-amz-server-side-encryption', 'aws:kms'],
    ]) {
      const tampered = { ...arrival, headers: { ...arrival.headers, [name as string]: value } };
      expect(presignedSignatureMatches(tampered, S3RVER_CREDENTIALS.secretAccessKey)).toBe(false);
    }
  });

  it('signs a declared content length, so S3 refuses any other size', async () => {
    const bucket = await server.createBucket();
    const signed = await signerFor(bucket).presignUpload({
      key: 'documents/u/d',
      ...upload,
      contentLength: PDF.length,
    });
    expect(signed.headers['content-length']).toBe(String(PDF.length));
    expect(new URL(signed.url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-server-side-encryption',
    );
    expect((await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: PDF })).status).toBe(200);
    const arrival = server.received.findLast((request) => request.method === 'PUT');
    if (arrival === undefined) throw new Error('the upload never arrived');
    const longer = { ...arrival, headers: { ...arrival.headers, 'content-length': String(PDF.length + 1) } };
    expect(presignedSignatureMatches(longer, S3RVER_CREDENTIALS.secretAccessKey)).toBe(false);
  });

  it('refuses a declared length above maxBytes', async () => {
    const signer = signerFor('docent-uploads');
    const error = await expectDocentError(
      signer.presignUpload({ key: 'documents/u/d', ...upload, maxBytes: 100, contentLength: 101 }),
      'payload_too_large',
    );
    expect(error.details).toEqual({ maxBytes: 100, contentLength: 101 });
  });

  it('expires: a URL signed two minutes ago for one minute is refused and stores nothing', async () => {
    const bucket = await server.createBucket();
    const past = { now: () => new Date(Date.now() - 120_000) };
    const signed = await signerFor(bucket, { clock: past }).presignUpload({
      key: 'documents/u/late',
      ...upload,
      expiresInSeconds: 60,
    });
    const response = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: PDF });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
    const head = server.client().send(new HeadObjectCommand({ Bucket: bucket, Key: 'documents/u/late' }));
    await expect(head).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('rejects an empty key or type and out-of-range numbers', async () => {
    const signer = signerFor('docent-uploads');
    const base = { key: 'documents/u/d', ...upload };
    for (const bad of [
      { ...base, key: '' },
      { ...base, contentType: ' ' },
      { ...base, contentType: 'text/plain\r\nx-evil: 1' },
      { ...base, maxBytes: 0 },
      { ...base, expiresInSeconds: 0 },
      { ...base, expiresInSeconds: 604_801 },
      { ...base, expiresInSeconds: 1.5 },
      { ...base, contentLength: -1 },
    ]) {
      await expectDocentError(signer.presignUpload(bad), 'validation_failed');
    }
  });
});
