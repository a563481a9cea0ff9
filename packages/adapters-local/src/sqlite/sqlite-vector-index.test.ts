import { makeVectorEntry, seededVector, uniqueId, unitVector, vectorOf } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';

const D = TEST_DIMENSIONS;

describe('SqliteVectorIndex', () => {
  let temporary: TemporaryStore;
  beforeAll(() => {
    temporary = openTemporaryStore();
  });
  afterAll(() => temporary.cleanup());

  it('filters by document inside the KNN: k hits from those documents, not k hits filtered afterwards', async () => {
    const index = temporary.store.VectorIndex;
    const ownerId = uniqueId('owner');
    const far = uniqueId('doc');
    const near = Array.from({ length: 20 }, (_, i) => makeVectorEntry(vectorOf(D, [1, i / 100]), { ownerId }));
    const wanted = makeVectorEntry(unitVector(D, 5), { ownerId, documentId: far });
    await index.upsert([...near, wanted]);
    const hits = await index.search({ ownerId, vector: unitVector(D, 0), documentIds: [far], limit: 1 });
    expect(hits.map((hit) => hit.chunkId)).toEqual([wanted.chunkId]);
  });

  it('scores a zero vector as unrelated (0) rather than failing', async () => {
    const index = temporary.store.VectorIndex;
    const entry = makeVectorEntry(new Float32Array(D));
    await index.upsert([entry]);
    const hits = await index.search({ ownerId: entry.ownerId, vector: seededVector(D, 7), limit: 5 });
    expect(hits).toEqual([{ chunkId: entry.chunkId, documentId: entry.documentId, score: 0 }]);
  });

  it('moves a chunk upserted again under another document', async () => {
    const index = temporary.store.VectorIndex;
    const entry = makeVectorEntry(unitVector(D, 1));
    const moved = { ...entry, documentId: uniqueId('doc') };
    await index.upsert([entry]);
    await index.upsert([moved]);
    await index.deleteDocument(entry.ownerId, entry.documentId);
    const hits = await index.search({ ownerId: entry.ownerId, vector: unitVector(D, 1), limit: 5 });
    expect(hits.map((hit) => hit.documentId)).toEqual([moved.documentId]);
  });

  it('rejects a query vector of the wrong width with validation_failed', async () => {
    const index = temporary.store.VectorIndex;
    await expect(
      index.search({ ownerId: uniqueId('owner'), vector: new Float32Array(D + 1), limit: 1 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('returns nothing for an empty documentIds list', async () => {
    const index = temporary.store.VectorIndex;
    const entry = makeVectorEntry(unitVector(D, 2));
    await index.upsert([entry]);
    expect(await index.search({ ownerId: entry.ownerId, vector: unitVector(D, 2), documentIds: [], limit: 5 })).toEqual(
      [],
    );
  });
});
