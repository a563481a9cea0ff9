import { describeQueryHistoryRepositoryContract } from '@docent/testing';
import { InMemoryQueryHistoryRepository } from './in-memory-query-history-repository.ts';

describeQueryHistoryRepositoryContract('InMemoryQueryHistoryRepository', async () => ({
  repo: new InMemoryQueryHistoryRepository(),
}));
