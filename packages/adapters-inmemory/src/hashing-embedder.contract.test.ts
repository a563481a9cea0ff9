import { describeEmbedderContract } from '@docent/testing';
import { HashingEmbedder } from './hashing-embedder.ts';

describeEmbedderContract('HashingEmbedder', async () => ({ embedder: new HashingEmbedder() }), { numRuns: 100 });
describeEmbedderContract('HashingEmbedder (32 dimensions)', async () => ({
  embedder: new HashingEmbedder({ dimensions: 32 }),
}));
