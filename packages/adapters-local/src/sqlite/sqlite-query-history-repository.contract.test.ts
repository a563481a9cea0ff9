import { describeQueryHistoryRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../store/temporary-store.ts';

describeQueryHistoryRepositoryContract('SqliteQueryHistoryRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.QueryHistoryRepository, cleanup };
});
