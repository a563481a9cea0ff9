import { randomUUID } from 'node:crypto';
import { describeVectorIndexContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type S3VectorsTestServer, startS3VectorsTestServer } from '../../test-support/s3vectors-test-server.ts';
import { S3VectorsVectorIndex } from './s3vectors-vector-index.ts';
import { NON_FILTERABLE_METADATA_KEYS } from './vector-metadata.ts';

let server: S3VectorsTestServer;
beforeAll(async () => {
  server = await startS3VectorsTestServer();
});
afterAll(() => server.close());

const DIMENSIONS = 8;

describeVectorIndexContract('S3VectorsVectorIndex (S3 Vectors protocol server)', async () => {
  const indexName = `chunks-${randomUUID().slice(0, 8)}`;
  server.createIndex('docent-test-vectors', indexName, {
    dimension: DIMENSIONS,
    nonFilterableMetadataKeys: NON_FILTERABLE_METADATA_KEYS,
  });
  const client = server.client();
  const index = new S3VectorsVectorIndex({
    client,
    vectorBucketName: 'docent-test-vectors',
    indexName,
    dimensions: DIMENSIONS,
  });
  return { index, dimensions: DIMENSIONS, cleanup: async () => client.destroy() };
});
