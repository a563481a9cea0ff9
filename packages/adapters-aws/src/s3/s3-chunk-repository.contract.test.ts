import { describeChunkRepositoryContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type S3TestServer, startS3TestServer } from '../../test-support/s3-test-server.ts';
import { S3ChunkRepository } from './s3-chunk-repository.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(() => server.close());

describeChunkRepositoryContract('S3ChunkRepository (s3rver)', async () => {
  const client = server.client();
  const repo = new S3ChunkRepository({ bucket: await server.createBucket(), client });
  return { repo, cleanup: async () => client.destroy() };
});
