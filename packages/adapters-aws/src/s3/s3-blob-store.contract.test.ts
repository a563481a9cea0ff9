import { describeBlobStoreContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type S3TestServer, startS3TestServer } from '../../test-support/s3-test-server.ts';
import { S3BlobStore } from './s3-blob-store.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(() => server.close());

describeBlobStoreContract('S3BlobStore (s3rver)', async () => {
  const client = server.client();
  const store = new S3BlobStore({ bucket: await server.createBucket(), client });
  return { store, cleanup: async () => client.destroy() };
});
