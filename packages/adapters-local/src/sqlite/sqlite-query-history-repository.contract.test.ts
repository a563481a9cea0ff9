import { describeQueryHistoryRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeQueryHistoryRepositoryContract('SqliteQueryHistoryRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.QueryHistoryRepository, cleanup };
});
