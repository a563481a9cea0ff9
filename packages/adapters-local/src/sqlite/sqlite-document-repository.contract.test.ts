import { describeDocumentRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../store/temporary-store.ts';

describeDocumentRepositoryContract('SqliteDocumentRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.DocumentRepository, cleanup };
});
