/**
 * Child process for the crash test: writes documents of vectors into the store in `dataDir`
 * forever (deleting an older document every third round, saving the graph after every catch-up),
 * printing `round N` after each, until the parent kills it with SIGKILL.
 *   node write-until-killed.ts <dataDir> <codes|hnsw>
 */
import { systemClock } from '@docent/domain';
import { seededVector } from '@docent/testing';
import { openLocalStore } from '../src/store/open-local-store.ts';
import { CRASH_DIMENSIONS, CRASH_OWNER } from './crash-fixture.ts';

const [dataDir, index] = process.argv.slice(2);
if (dataDir === undefined || (index !== 'codes' && index !== 'hnsw'))
  throw new Error('usage: write-until-killed.ts <dataDir> <codes|hnsw>');
const store = openLocalStore({
  dataDir,
  dimensions: CRASH_DIMENSIONS,
  clock: systemClock,
  sessionTtlMs: 60_000,
  approximateSearch: { index, minVectors: 1, quantization: 'f32', saveIntervalMs: 0 },
});
for (let round = 0; ; round++) {
  const documentId = `d${round}`;
  await store.VectorIndex.upsert(
    Array.from({ length: 40 }, (_, i) => ({
      entryId: `${documentId}-e${i}`,
      chunkId: `${documentId}-c${i >> 1}`,
      documentId,
      ownerId: CRASH_OWNER,
      vector: seededVector(CRASH_DIMENSIONS, round * 1000 + i),
    })),
  );
  if (round % 3 === 2) await store.VectorIndex.deleteDocument(CRASH_OWNER, `d${round - 2}`);
  if (round % 2 === 1) await store.vectorsSettled();
  console.log(`round ${round}`);
}
