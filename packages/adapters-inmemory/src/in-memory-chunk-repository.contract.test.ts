import { describeChunkRepositoryContract } from '@docent/testing';
import { InMemoryChunkRepository } from './in-memory-chunk-repository.ts';

describeChunkRepositoryContract('InMemoryChunkRepository', async () => ({ repo: new InMemoryChunkRepository() }));
