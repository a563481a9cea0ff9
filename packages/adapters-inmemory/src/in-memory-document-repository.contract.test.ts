import { describeDocumentRepositoryContract } from '@docent/testing';
import { InMemoryDocumentRepository } from './in-memory-document-repository.ts';

describeDocumentRepositoryContract('InMemoryDocumentRepository', async () => ({
  repo: new InMemoryDocumentRepository(),
}));
