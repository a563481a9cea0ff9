import { describeVectorIndexContract } from '@docent/testing';
import { InMemoryVectorIndex } from './in-memory-vector-index.ts';

describeVectorIndexContract('InMemoryVectorIndex', async () => ({
  index: new InMemoryVectorIndex({ dimensions: 16 }),
  dimensions: 16,
}));
