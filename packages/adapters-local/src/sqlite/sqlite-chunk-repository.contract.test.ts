import { describeChunkRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeChunkRepositoryContract('SqliteChunkRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.ChunkRepository, cleanup };
});
