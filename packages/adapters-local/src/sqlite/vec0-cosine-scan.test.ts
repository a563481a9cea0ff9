import { makeVectorEntry, seededVector, uniqueId } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { openAskConnection } from '../store/open-ask-connection.ts';
import { nearest } from './vec0-cosine-scan.ts';

const D = TEST_DIMENSIONS;

describe('nearest', () => {
  const distances = Float32Array.from([0.5, 0.1, 0.3, 0.3, 0.9]);

  it('gives the k smallest among the candidates, or all when there are no more than k', () => {
    expect(nearest(distances, 1)).toEqual([1]);
    expect(nearest(distances, 3)?.sort()).toEqual([1, 2, 3]);
    expect(nearest(distances, 1, [0, 4])).toEqual([0]);
    expect(nearest(distances, 9, [4, 0])).toEqual([4, 0]);
  });

  it('leaves the choice to sqlite-vec when a tie at the k-th distance does not fit, or a distance is NaN', () => {
    expect(nearest(distances, 2)).toBeUndefined();
    expect(nearest(Float32Array.from([0.2, Number.NaN]), 1)).toBeUndefined();
  });
});

describe('SqliteVectorIndex with owners’ vectors in memory', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  /** The server's connection (sqlite-vec scans) and an ask connection that keeps vectors in memory. */
  const open = (scanCacheBytes: number) => {
    temporary = openTemporaryStore();
    const cached = openAskConnection({ dataDir: temporary.dataDir, dimensions: D, scanCacheBytes });
    return { store: temporary.store, cached };
  };

  const seeded = (ownerId: string, documentId: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => makeVectorEntry(seededVector(D, from + i), { ownerId, documentId }));

  it('finds exactly what sqlite-vec finds, scores bit for bit, with and without a document scope', async () => {
    const { store, cached } = open(1 << 20);
    const ownerId = uniqueId('owner');
    const [a, b] = [uniqueId('doc'), uniqueId('doc')];
    await store.VectorIndex.upsert([...seeded(ownerId, a, 0, 150), ...seeded(ownerId, b, 1000, 150)]);
    for (let seed = 5000; seed < 5040; seed++) {
      const query = { ownerId, vector: seededVector(D, seed), limit: 20 };
      expect(await cached.VectorIndex.search(query)).toEqual(await store.VectorIndex.search(query));
      const scoped = { ...query, documentIds: [b] };
      expect(await cached.VectorIndex.search(scoped)).toEqual(await store.VectorIndex.search(scoped));
    }
    cached.close();
  });

  it('never answers from a stale copy: deleted, replaced and new vectors show at once', async () => {
    const { store, cached } = open(1 << 20);
    const ownerId = uniqueId('owner');
    const [a, b] = [uniqueId('doc'), uniqueId('doc')];
    const first = seeded(ownerId, a, 0, 40);
    await store.VectorIndex.upsert([...first, ...seeded(ownerId, b, 100, 40)]);
    const query = { ownerId, vector: first[0]?.vector as Float32Array, limit: 100 };
    const same = async () =>
      expect(await cached.VectorIndex.search(query)).toEqual(await store.VectorIndex.search(query));
    await same();
    // Deleting a document: its chunks never come back from the copy.
    await store.VectorIndex.deleteDocument(ownerId, a);
    const afterDelete = await cached.VectorIndex.search(query);
    expect(afterDelete.some((hit) => hit.documentId === a)).toBe(false);
    await same();
    // Reprocessing: the same entry ids get new vectors (the count stays, the highest id rises).
    await store.VectorIndex.upsert(seeded(ownerId, b, 500, 40).map((entry, i) => ({ ...entry, chunkId: `${i}` })));
    await store.VectorIndex.upsert(seeded(ownerId, b, 900, 40).map((entry, i) => ({ ...entry, chunkId: `${i}` })));
    await same();
    cached.close();
  });

  it('keeps owners within its budget, least recently searched out first, and searches the rest in SQLite', async () => {
    // Room for one owner of 30 vectors (16-d: 64 + 8 + 100 bytes each), not two.
    const { store, cached } = open(30 * 172 + 100);
    const owners = [uniqueId('owner'), uniqueId('owner'), uniqueId('owner')];
    await store.VectorIndex.upsert([
      ...seeded(owners[0] as string, uniqueId('doc'), 0, 30),
      ...seeded(owners[1] as string, uniqueId('doc'), 100, 30),
      ...seeded(owners[2] as string, uniqueId('doc'), 200, 31),
    ]);
    for (const ownerId of [...owners, ...owners]) {
      const query = { ownerId, vector: seededVector(D, 7), limit: 10 };
      expect(await cached.VectorIndex.search(query)).toEqual(await store.VectorIndex.search(query));
    }
    cached.close();
  });
});
