import type { VectorQuery } from '@docent/domain';
import { seededVector } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { TEST_DIMENSIONS as dimensions, openTemporaryStore } from '../../test-support/temporary-store.ts';
import { openAskConnection } from './open-ask-connection.ts';

const entries = (ownerId: string, count: number, dimensions: number) =>
  Array.from({ length: count }, (_, i) => ({
    entryId: `${ownerId}-e${i}`,
    chunkId: `${ownerId}-c${i}`,
    documentId: `${ownerId}-d`,
    ownerId,
    vector: seededVector(dimensions, i + 1),
  }));

describe('openAskConnection with large-owner search', () => {
  it('scans small owners itself and hands large owners to the given index; it never writes vectors', async () => {
    const temporary = openTemporaryStore();
    try {
      const { store, dataDir } = temporary;
      await store.VectorIndex.upsert(entries('small', 3, dimensions));
      await store.VectorIndex.upsert(entries('large', 8, dimensions));
      await store.VectorIndex.upsert(entries('edge', 5, dimensions));
      await store.VectorIndex.upsert(entries('below', 4, dimensions));
      const asked: string[] = [];
      const index = {
        search: async (query: VectorQuery) => {
          asked.push(query.ownerId);
          return store.VectorIndex.search(query);
        },
      };
      const connection = openAskConnection({ dataDir, dimensions, largeOwners: { minVectors: 5, index } });
      try {
        const vector = seededVector(dimensions, 2);
        const small = await connection.VectorIndex.search({ ownerId: 'small', vector, limit: 2 });
        const large = await connection.VectorIndex.search({ ownerId: 'large', vector, limit: 2 });
        expect(small.map((hit) => hit.chunkId)).toEqual(['small-c1', expect.stringMatching(/^small-c/)]);
        expect(large.map((hit) => hit.chunkId)[0]).toBe('large-c1');
        // Exactly `minVectors` is large; one fewer is scanned here.
        await connection.VectorIndex.search({ ownerId: 'edge', vector, limit: 2 });
        await connection.VectorIndex.search({ ownerId: 'below', vector, limit: 2 });
        expect(asked).toEqual(['large', 'edge']);
        await expect(connection.VectorIndex.upsert(entries('small', 1, dimensions))).rejects.toMatchObject({
          code: 'internal_error',
        });
        await expect(connection.VectorIndex.deleteDocument('small', 'small-d')).rejects.toMatchObject({
          code: 'internal_error',
        });
      } finally {
        connection.close();
      }
    } finally {
      await temporary.cleanup();
    }
  });
});
