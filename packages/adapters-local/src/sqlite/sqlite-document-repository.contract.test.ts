import { describeDocumentRepositoryContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeDocumentRepositoryContract('SqliteDocumentRepository', async (clock) => {
  const { store, cleanup } = openTemporaryStore({ clock });
  return { repo: store.DocumentRepository, cleanup };
});
