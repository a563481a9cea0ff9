import { describeChunkRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../store/temporary-store.ts';

describeChunkRepositoryContract('SqliteChunkRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.ChunkRepository, cleanup };
});
