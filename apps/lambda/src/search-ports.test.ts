import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OpenSearchLexicalIndex, OpenSearchVectorIndex } from '@docent/adapters-aws';
import { DynamoLexicalIndex } from '@docent/adapters-aws/dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  S3VECTORS_TEST_CREDENTIALS,
  type S3VectorsTestServer,
  startS3VectorsTestServer,
} from '../../../packages/adapters-aws/test-support/s3vectors-test-server.ts';
import { searchPorts } from './search-ports.ts';

const OPENSEARCH = {
  kind: 'opensearch',
  endpoint: 'https://abc123.eu-west-1.aoss.amazonaws.com',
  index: 'chunks',
} as const;
const options = {
  region: 'us-east-1',
  dimensions: 4,
  clients: { dynamo: new DynamoDBClient({ region: 'us-east-1' }) },
};

describe('searchPorts', () => {
  let server: S3VectorsTestServer;
  beforeEach(async () => {
    server = await startS3VectorsTestServer();
    // The SDK's own endpoint and credential settings, as a deployment could set them.
    vi.stubEnv('AWS_ENDPOINT_URL_S3VECTORS', server.endpoint);
    vi.stubEnv('AWS_ACCESS_KEY_ID', S3VECTORS_TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3VECTORS_TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it('serves both indexes from OpenSearch by default', () => {
    const ports = searchPorts({ vector: OPENSEARCH, lexical: OPENSEARCH }, options);
    expect(ports.VectorIndex).toBeInstanceOf(OpenSearchVectorIndex);
    expect(ports.LexicalIndex).toBeInstanceOf(OpenSearchLexicalIndex);
  });

  it('writes and searches vectors in the named S3 vector bucket and index', async () => {
    server.createIndex('docent-dev-vectors', 'chunks', { dimension: 4 });
    const { VectorIndex } = searchPorts(
      { vector: { kind: 's3vectors', vectorBucket: 'docent-dev-vectors', vectorIndex: 'chunks' }, lexical: OPENSEARCH },
      options,
    );
    const vector = new Float32Array([1, 0, 0, 0]);
    await VectorIndex.upsert([{ chunkId: 'c1', documentId: 'd1', ownerId: 'u1', vector }]);
    expect(await VectorIndex.search({ ownerId: 'u1', vector, limit: 5 })).toEqual([
      { chunkId: 'c1', documentId: 'd1', score: expect.closeTo(1, 6) },
    ]);
    expect(server.requests.map((request) => request.body.vectorBucketName)).toEqual([
      'docent-dev-vectors',
      'docent-dev-vectors',
    ]);
  });

  it('serves BM25 from the DynamoDB lexical table when asked', () => {
    const { LexicalIndex, VectorIndex } = searchPorts(
      { vector: OPENSEARCH, lexical: { kind: 'dynamodb', table: 'docent-dev-lexical' } },
      options,
    );
    expect(LexicalIndex).toBeInstanceOf(DynamoLexicalIndex);
    expect(VectorIndex).toBeInstanceOf(OpenSearchVectorIndex);
  });
});
