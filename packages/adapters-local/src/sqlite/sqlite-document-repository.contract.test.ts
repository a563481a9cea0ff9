import { describeDocumentRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeDocumentRepositoryContract('SqliteDocumentRepository', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { repo: store.DocumentRepository, cleanup };
});
