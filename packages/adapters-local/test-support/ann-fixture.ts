import type { VectorEntry } from '@docent/domain';
import { systemClock } from '@docent/domain';
import { seededVector } from '@docent/testing';
import { type ApproximateSearchOptions, type LocalStore, openLocalStore } from '../src/store/open-local-store.ts';

/** A document of `chunks` chunks with two seeded vectors each: the same seed gives the same vectors. */
export const twoVectorDocument = (
  documentId: string,
  seed: number,
  options: { ownerId: string; dimensions: number; chunks?: number },
): VectorEntry[] =>
  Array.from({ length: (options.chunks ?? 30) * 2 }, (_, i) => ({
    entryId: `${documentId}-e${i}`,
    chunkId: `${documentId}-c${i >> 1}`,
    documentId,
    ownerId: options.ownerId,
    vector: seededVector(options.dimensions, seed * 1000 + i),
  }));

/**
 * Opens the store in `dataDir` with a graph for every owner (f32, so small graphs answer exactly)
 * and `approximate` on top, or with exact search only (`false`).
 */
export const openAnnStore = (
  dataDir: string,
  dimensions: number,
  approximate: Partial<ApproximateSearchOptions> | false,
): LocalStore =>
  openLocalStore({
    dataDir,
    dimensions,
    clock: systemClock,
    sessionTtlMs: 60_000,
    approximateSearch: approximate === false ? false : { minVectors: 1, quantization: 'f32', ...approximate },
  });
