import type { VectorIndex } from '@docent/domain';
import { describeVectorIndexContract } from '@docent/testing';
import { openTemporaryStore, TEST_DIMENSIONS } from '../../test-support/temporary-store.ts';
import type { LocalStore } from '../store/open-local-store.ts';

/** The store's index, with every write followed by the graph's catch-up, so searches hit the graph. */
const settling = (store: LocalStore): VectorIndex => ({
  upsert: async (entries) => {
    await store.VectorIndex.upsert(entries);
    await store.vectorsSettled();
  },
  deleteDocument: async (ownerId, documentId) => {
    await store.VectorIndex.deleteDocument(ownerId, documentId);
    await store.vectorsSettled();
  },
  search: (query) => store.VectorIndex.search(query),
});

// Every owner gets an index from its first vector, so the contract runs on the approximate path
// (an f32 graph: the contract checks scores to 1e-4, which f16's distances do not promise; the
// codes' scores are exact).
for (const index of ['codes', 'hnsw'] as const) {
  describeVectorIndexContract(`ApproximateVectorIndex (${index}), caught up`, async () => {
    const { store, cleanup } = openTemporaryStore({ approximateSearch: { index, minVectors: 1, quantization: 'f32' } });
    return { index: settling(store), dimensions: TEST_DIMENSIONS, cleanup };
  });

  describeVectorIndexContract(`ApproximateVectorIndex (${index}), rows not yet in it`, async () => {
    const { store, cleanup } = openTemporaryStore({ approximateSearch: { index, minVectors: 1, quantization: 'f32' } });
    return { index: store.VectorIndex, dimensions: TEST_DIMENSIONS, cleanup };
  });
}
