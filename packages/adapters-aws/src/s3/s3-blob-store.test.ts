import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expectDocentError } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Fault, startS3FaultServer } from '../../test-support/s3-fault-server.ts';
import { type S3TestServer, startS3TestServer } from '../../test-support/s3-test-server.ts';
import { S3BlobStore } from './s3-blob-store.ts';

const FAKE_CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(() => server.close());

describe('S3BlobStore against s3rver', () => {
  it('puts with SSE AES256 and the content type, under exactly the given key', async () => {
    const bucket = await server.createBucket();
    const store = new S3BlobStore({ bucket, client: server.client() });
    await store.put('documents/user-1/doc-1', Uint8Array.of(37, 80, 68, 70), { contentType: 'application/pdf' });

    const put = server.received.findLast((request) => request.method === 'PUT');
    expect(put?.url.split('?')[0]).toBe(`/${bucket}/documents/user-1/doc-1`);
    expect(put?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(put?.headers['content-type']).toBe('application/pdf');
    const head = await server.client().send(new HeadObjectCommand({ Bucket: bucket, Key: 'documents/user-1/doc-1' }));
    expect(head.ContentType).toBe('application/pdf');
    expect(head.ContentLength).toBe(4);
  });

  it('builds its own client from region, endpoint, credentials and path style', async () => {
    const bucket = await server.createBucket();
    const store = new S3BlobStore({
      bucket,
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await store.put('documents/u/d', Uint8Array.of(7));
    expect(await store.get('documents/u/d')).toEqual(Uint8Array.of(7));
  });

  it('a missing bucket is unavailable and not retryable', async () => {
    const store = new S3BlobStore({ bucket: 'no-such-bucket', client: server.client() });
    const failure = await expectDocentError(store.get('documents/u/d'), 'unavailable');
    expect(failure).toMatchObject({ retryable: false, details: { awsError: 'NoSuchBucket', status: 404 } });
  });

  it('refuses an empty bucket name', () => {
    expect(() => new S3BlobStore({ bucket: ' ', client: server.client() })).toThrow(/bucket/);
  });
});

describe('S3BlobStore error mapping', () => {
  const storeFor = (endpoint: string, maxAttempts = 1): S3BlobStore =>
    new S3BlobStore({
      bucket: 'docent-blobs',
      client: new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: FAKE_CREDENTIALS,
        maxAttempts,
      }),
    });

  const failureOf = async (fault: S3Fault, call: (store: S3BlobStore) => Promise<unknown>, maxAttempts = 1) => {
    const faults = await startS3FaultServer(fault);
    try {
      const error = await expectDocentError(call(storeFor(faults.endpoint, maxAttempts)), 'unavailable');
      return { error, requests: faults.received.length };
    } finally {
      await faults.close();
    }
  };

  it('SlowDown (503) is retried by the client, then retryable unavailable', async () => {
    const slowDown = { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };
    const { error, requests } = await failureOf(slowDown, (store) => store.put('documents/u/d', Uint8Array.of(1)), 2);
    expect(error).toMatchObject({
      retryable: true,
      details: { operation: 'PutObject', awsError: 'SlowDown', status: 503, requestId: 'FAULT-REQUEST-1' },
    });
    expect(requests).toBe(2);
  });

  it('500 InternalError and 503 ServiceUnavailable are retryable', async () => {
    for (const fault of [
      { status: 500, code: 'InternalError', message: 'We encountered an internal error.' },
      { status: 503, code: 'ServiceUnavailable', message: 'Reduce your request rate.' },
    ]) {
      const { error } = await failureOf(fault, (store) => store.get('documents/u/d'));
      expect(error).toMatchObject({ retryable: true, details: { awsError: fault.code } });
    }
  });

  it('AccessDenied (403) is unavailable but not retryable, and not mistaken for a missing key', async () => {
    const denied = { status: 403, code: 'AccessDenied', message: 'Access Denied' };
    for (const call of [(s: S3BlobStore) => s.get('documents/u/d'), (s: S3BlobStore) => s.delete('documents/u/d')]) {
      const { error } = await failureOf(denied, call);
      expect(error).toMatchObject({ retryable: false, details: { awsError: 'AccessDenied', status: 403 } });
    }
  });

  it('a refused connection is retryable unavailable', async () => {
    const faults = await startS3FaultServer({ status: 500, code: 'InternalError', message: 'unused' });
    await faults.close();
    const error = await expectDocentError(
      storeFor(faults.endpoint).put('documents/u/d', Uint8Array.of(1)),
      'unavailable',
    );
    expect(error).toMatchObject({ retryable: true });
  });
});
