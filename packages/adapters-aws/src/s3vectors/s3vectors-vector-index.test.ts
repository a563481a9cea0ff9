import { DeleteVectorsCommand, GetVectorsCommand, type S3VectorsClient } from '@aws-sdk/client-s3vectors';
import type { VectorEntry } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestVectorIndex } from '../../test-support/s3vectors-test-index.ts';
import { type S3VectorsTestServer, startS3VectorsTestServer } from '../../test-support/s3vectors-test-server.ts';
import { S3VectorsVectorIndex } from './s3vectors-vector-index.ts';
import { NON_FILTERABLE_METADATA_KEYS } from './vector-metadata.ts';

const BUCKET = 'docent-test-vectors';
const INDEX = 'chunks';

let server: S3VectorsTestServer;
let stored: TestVectorIndex;
beforeEach(async () => {
  server = await startS3VectorsTestServer();
  stored = server.createIndex(BUCKET, INDEX, { dimension: 4, nonFilterableMetadataKeys: NON_FILTERABLE_METADATA_KEYS });
});
afterEach(() => server.close());

const vectorIndex = (client: S3VectorsClient = server.client()) =>
  new S3VectorsVectorIndex({ client, vectorBucketName: BUCKET, indexName: INDEX, dimensions: 4 });

const entry = (chunkId: string, vector: number[], extra: Partial<VectorEntry> = {}): VectorEntry => ({
  chunkId,
  documentId: 'doc-1',
  ownerId: 'user-1',
  vector: new Float32Array(vector),
  ...extra,
});

const operations = () => server.requests.map((request) => request.operation);

describe('S3VectorsVectorIndex.upsert', () => {
  it('puts unit vectors keyed by entry id with the owner, document and chunk as metadata', async () => {
    await vectorIndex().upsert([entry('c1', [3, 0, 4, 0], { entryId: 'c1:0' }), entry('c2', [0, 2, 0, 0])]);
    expect(server.requests).toEqual([
      {
        operation: 'PutVectors',
        body: {
          vectorBucketName: BUCKET,
          indexName: INDEX,
          vectors: [
            {
              key: 'c1:0',
              data: { float32: [expect.closeTo(0.6, 6), 0, expect.closeTo(0.8, 6), 0] },
              metadata: { ownerId: 'user-1', documentId: 'doc-1', chunkId: 'c1' },
            },
            {
              key: 'c2',
              data: { float32: [0, 1, 0, 0] },
              metadata: { ownerId: 'user-1', documentId: 'doc-1', chunkId: 'c2' },
            },
          ],
        },
      },
    ]);
    const got = await server
      .client()
      .send(new GetVectorsCommand({ vectorBucketName: BUCKET, indexName: INDEX, keys: ['c2'], returnMetadata: true }));
    expect(got.vectors?.[0]?.metadata).toEqual({ ownerId: 'user-1', documentId: 'doc-1', chunkId: 'c2' });
  });

  it('splits more than 500 vectors into PutVectors calls of at most 500, a repeated key keeping its last vector', async () => {
    const entries = Array.from({ length: 1203 }, (_, i) => entry(`c${i}`, [1, i, 0, 0]));
    await vectorIndex().upsert([...entries, entry('c0', [0, 0, 1, 0])]);
    const sizes = server.requests.map((request) => (request.body.vectors as unknown[]).length);
    expect(sizes).toEqual([500, 500, 203]);
    expect(stored.size).toBe(1203);
    const [top] = await vectorIndex().search({ ownerId: 'user-1', vector: new Float32Array([0, 0, 1, 0]), limit: 1 });
    expect(top).toMatchObject({ chunkId: 'c0', score: expect.closeTo(1, 6) });
  });
});

describe('S3VectorsVectorIndex.search', () => {
  it('asks for four vectors per chunk, capped at the topK limit of 100, filtered to the owner and documents', async () => {
    const index = vectorIndex();
    await index.search({
      ownerId: 'user-1',
      vector: new Float32Array([0, 2, 0, 0]),
      documentIds: ['d1', 'd2'],
      limit: 3,
    });
    await index.search({ ownerId: 'user-1', vector: new Float32Array([0, 2, 0, 0]), limit: 100 });
    expect(server.requests.map((request) => request.body)).toEqual([
      {
        vectorBucketName: BUCKET,
        indexName: INDEX,
        topK: 12,
        queryVector: { float32: [0, 1, 0, 0] },
        filter: { $and: [{ ownerId: { $eq: 'user-1' } }, { documentId: { $in: ['d1', 'd2'] } }] },
        returnMetadata: true,
        returnDistance: true,
      },
      expect.objectContaining({ topK: 100, filter: { ownerId: { $eq: 'user-1' } } }),
    ]);
    expect(await index.search({ ownerId: 'user-1', vector: new Float32Array(4), documentIds: [], limit: 3 })).toEqual(
      [],
    );
    expect(server.requests).toHaveLength(2);
  });

  it('turns cosine distances into similarities and scores each chunk once, by its nearest vector', async () => {
    const index = vectorIndex();
    await index.upsert([
      entry('a', [1, 0, 0, 0], { entryId: 'a:0' }),
      entry('a', [0, 1, 0, 0], { entryId: 'a:1' }),
      entry('b', [1, 1, 0, 0]),
      entry('c', [-1, 0, 0, 0]),
    ]);
    const hits = await index.search({ ownerId: 'user-1', vector: new Float32Array([0, 1, 0, 0]), limit: 10 });
    expect(hits.map((hit) => hit.chunkId)).toEqual(['a', 'b', 'c']);
    expect(hits.map((hit) => hit.score)).toEqual([
      expect.closeTo(1, 6),
      expect.closeTo(Math.SQRT1_2, 6),
      expect.closeTo(0, 6),
    ]);
  });

  it('turns a throttled call into a retryable unavailable error and a missing index into a lasting one', async () => {
    server.failNext('QueryVectors', { status: 429, type: 'TooManyRequestsException' });
    const query = { ownerId: 'user-1', vector: new Float32Array([1, 0, 0, 0]), limit: 3 };
    const throttled = await expectDocentError(vectorIndex().search(query), 'unavailable');
    expect(throttled).toMatchObject({
      retryable: true,
      details: { awsError: 'TooManyRequestsException', status: 429 },
    });
    const missing = new S3VectorsVectorIndex({
      client: server.client(),
      vectorBucketName: BUCKET,
      indexName: 'absent',
      dimensions: 4,
    });
    const lasting = await expectDocentError(missing.search(query), 'unavailable');
    expect(lasting).toMatchObject({ retryable: false, details: { awsError: 'NotFoundException', status: 404 } });
  });
});

describe('S3VectorsVectorIndex.deleteDocument', () => {
  it('finds the document’s keys with filtered queries and deletes them by key until none is left', async () => {
    const index = vectorIndex();
    const mine = Array.from({ length: 250 }, (_, i) => entry(`c${i}`, [1, i, 1, 0], { documentId: 'gone' }));
    await index.upsert([
      ...mine,
      entry('kept', [1, 0, 0, 0]),
      entry('other', [1, 0, 0, 0], { documentId: 'gone', ownerId: 'user-2' }),
    ]);
    server.requests.length = 0;
    await index.deleteDocument('user-1', 'gone');
    expect(operations()).toEqual([
      'QueryVectors',
      'DeleteVectors',
      'QueryVectors',
      'DeleteVectors',
      'QueryVectors',
      'DeleteVectors',
      'QueryVectors',
    ]);
    expect(server.requests[0]?.body).toMatchObject({
      topK: 100,
      filter: { $and: [{ ownerId: { $eq: 'user-1' } }, { documentId: { $eq: 'gone' } }] },
    });
    expect(stored.size).toBe(2);
  });

  it('fails, retryable, when keys it deleted are still found instead of looping', async () => {
    const client = server.client();
    const deletesIgnored = {
      send: (command: unknown) =>
        command instanceof DeleteVectorsCommand ? Promise.resolve({}) : client.send(command as never),
    } as unknown as S3VectorsClient;
    await vectorIndex().upsert([entry('c1', [1, 0, 0, 0])]);
    const error = await expectDocentError(vectorIndex(deletesIgnored).deleteDocument('user-1', 'doc-1'), 'unavailable');
    expect(error.retryable).toBe(true);
  });
});
