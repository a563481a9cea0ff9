import { describeUnitOfWorkContract } from '@docent/testing';
import { InMemoryChunkRepository } from './in-memory-chunk-repository.ts';
import { InMemoryDocumentRepository } from './in-memory-document-repository.ts';
import { InMemoryQueryHistoryRepository } from './in-memory-query-history-repository.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

describeUnitOfWorkContract('InMemoryUnitOfWork', async () => {
  const documents = new InMemoryDocumentRepository();
  const chunks = new InMemoryChunkRepository();
  const history = new InMemoryQueryHistoryRepository();
  return { unitOfWork: new InMemoryUnitOfWork([documents, chunks, history]), documents, chunks, history };
});
