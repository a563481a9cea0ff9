import path from 'node:path';
import { makeVectorEntry, seededVector, uniqueId } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { openDatabase } from './open-database.ts';
import { OwnerVectorCache } from './owner-vector-cache.ts';
import { asBytes } from './sqlite-vector-index.ts';
import { cosineDistances } from './vec0-cosine-scan.ts';

const D = TEST_DIMENSIONS;
// What the cache counts per 16-d vector: its values, its norm and ~100 bytes of ids.
const PER_VECTOR = D * 4 + 8 + 100;

describe('OwnerVectorCache', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  const setUp = (maxBytes: number) => {
    temporary = openTemporaryStore();
    const db = openDatabase(path.join(temporary.dataDir, 'docent.db'), { dimensions: D });
    return { store: temporary.store, db, cache: new OwnerVectorCache(db, { dimensions: D, maxBytes }) };
  };
  const seeded = (ownerId: string, from: number, count: number, documentId = uniqueId('doc')) =>
    Array.from({ length: count }, (_, i) => makeVectorEntry(seededVector(D, from + i), { ownerId, documentId }));

  it('computes sqlite-vec’s own distances, bit for bit', async () => {
    const { store, db, cache } = setUp(1 << 20);
    const ownerId = uniqueId('owner');
    await store.VectorIndex.upsert(seeded(ownerId, 0, 200));
    const owner = cache.get(ownerId);
    if (owner === undefined) throw new Error('the owner fits the budget');
    const knn = db.prepare(
      `SELECT e.chunk_id AS chunkId, v.distance AS distance FROM vector_items AS v
       JOIN vector_entries AS e ON e.entry_id = v.rowid
       WHERE v.embedding MATCH ? AND k = 200 AND v.owner_id = ?`,
    );
    for (let seed = 900; seed < 920; seed++) {
      const query = seededVector(D, seed);
      const mine = cosineDistances(owner.matrix, query);
      const theirs = knn.all(asBytes(query), ownerId) as Array<{ chunkId: string; distance: number }>;
      expect(theirs).toHaveLength(200);
      for (const { chunkId, distance } of theirs) expect(mine[owner.chunkIds.indexOf(chunkId)]).toBe(distance);
    }
    db.close();
  });

  it('reloads an owner whose vectors changed: deleted, added, replaced under the same key', async () => {
    const { store, db, cache } = setUp(1 << 20);
    const ownerId = uniqueId('owner');
    const kept = seeded(ownerId, 0, 10);
    const dropped = seeded(ownerId, 100, 5);
    await store.VectorIndex.upsert([...kept, ...dropped]);
    expect(cache.get(ownerId)?.matrix.count).toBe(15);
    await store.VectorIndex.deleteDocument(ownerId, dropped[0]?.documentId as string);
    expect(cache.get(ownerId)?.chunkIds.sort()).toEqual(kept.map((e) => e.chunkId).sort());
    const replaced = { ...(kept[0] as (typeof kept)[number]), vector: seededVector(D, 777) };
    await store.VectorIndex.upsert([replaced]);
    const owner = cache.get(ownerId);
    const at = owner?.chunkIds.indexOf(replaced.chunkId) ?? -1;
    expect(owner?.matrix.count).toBe(10);
    expect(owner?.matrix.values.slice(at * D, (at + 1) * D)).toEqual(replaced.vector);
    db.close();
  });

  it('stays within its budget: least recently used owner out first, an owner over budget not kept', async () => {
    const { store, db, cache } = setUp(25 * PER_VECTOR);
    const [small, other, large] = [uniqueId('owner'), uniqueId('owner'), uniqueId('owner')];
    await store.VectorIndex.upsert([...seeded(small, 0, 10), ...seeded(other, 50, 10), ...seeded(large, 100, 30)]);
    const smallVectors = cache.get(small);
    const otherVectors = cache.get(other);
    expect(smallVectors?.matrix.count).toBe(10);
    expect(otherVectors?.matrix.count).toBe(10);
    expect(cache.bytes).toBe(20 * PER_VECTOR);
    expect(cache.get(large)).toBeUndefined();
    expect(cache.bytes).toBe(20 * PER_VECTOR);
    // A third owner of 10 pushes out the least recently used one (small was used before other).
    const third = uniqueId('owner');
    await store.VectorIndex.upsert(seeded(third, 200, 10));
    cache.get(third);
    expect(cache.bytes).toBe(20 * PER_VECTOR);
    expect(cache.get(other)).toBe(otherVectors);
    const reloaded = cache.get(small);
    expect(reloaded).not.toBe(smallVectors);
    expect(reloaded?.chunkIds).toEqual(smallVectors?.chunkIds);
    db.close();
  });
});
