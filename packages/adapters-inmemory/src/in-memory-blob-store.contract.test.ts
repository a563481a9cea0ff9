import { describeBlobStoreContract } from '@docent/testing';
import { InMemoryBlobStore } from './in-memory-blob-store.ts';

describeBlobStoreContract('InMemoryBlobStore', async () => ({ store: new InMemoryBlobStore() }));
