import { describeUnitOfWorkContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeUnitOfWorkContract('SqliteUnitOfWork', async () => {
  const { store, cleanup } = openTemporaryStore();
  return {
    unitOfWork: store.UnitOfWork,
    documents: store.DocumentRepository,
    chunks: store.ChunkRepository,
    history: store.QueryHistoryRepository,
    cleanup,
  };
});
