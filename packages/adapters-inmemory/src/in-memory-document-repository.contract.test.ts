import { describeDocumentRepositoryContract } from '@docent/testing';
import { InMemoryDocumentRepository } from './in-memory-document-repository.ts';

describeDocumentRepositoryContract('InMemoryDocumentRepository', async (clock) => ({
  repo: new InMemoryDocumentRepository({ clock }),
}));
