import { describeVectorIndexContract } from '@docent/testing';
import { openTemporaryStore, TEST_DIMENSIONS } from '../../test-support/temporary-store.ts';

describeVectorIndexContract('SqliteVectorIndex', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { index: store.VectorIndex, dimensions: TEST_DIMENSIONS, cleanup };
});

describeVectorIndexContract('SqliteVectorIndex with owners’ vectors in memory', async () => {
  const { store, cleanup } = openTemporaryStore({ scanCacheBytes: 1 << 20 });
  return { index: store.VectorIndex, dimensions: TEST_DIMENSIONS, cleanup };
});
