import type { VectorEntry } from '@docent/domain';
import { seededVector } from '@docent/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusteredVectors, exactTopChunks } from '../../test-support/clustered-vectors.ts';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

const D = 16;
const OWNER = 'owner';

/** Entries of `chunks` chunks with 1-4 vectors each, spread over 8 documents. */
const corpus = (vectors: readonly Float32Array[], perChunk: (i: number) => number): VectorEntry[] => {
  const entries: VectorEntry[] = [];
  for (let v = 0, c = 0; v < vectors.length; c++) {
    for (let n = perChunk(c); n > 0 && v < vectors.length; n--, v++) {
      entries.push({
        entryId: `e${v}`,
        chunkId: `c${c}`,
        documentId: `d${c % 8}`,
        ownerId: OWNER,
        vector: vectors[v] as Float32Array,
      });
    }
  }
  return entries;
};

/**
 * Recall@10 of the graph against exact max-pooled search: `count` clustered vectors written in
 * upserts of `upsertSize`, then `queries` seeded questions.
 */
const recallAt10 = async (
  seed: number,
  data: { count: number; clusters: number; upsertSize: number; queries: number },
  shape: { index?: 'codes' | 'hnsw'; insertThreads?: number; segmentVectors?: number; expansionSearch?: number } = {},
): Promise<number> => {
  const temporary = openTemporaryStore({
    approximateSearch: { index: 'hnsw', minVectors: 1, quantization: 'f16', ...shape },
  });
  try {
    const vectors = clusteredVectors({ count: data.count, clusters: data.clusters, dimensions: D, spread: 0.4 }, seed);
    const entries = corpus(vectors, (c) => 1 + ((c * 7 + seed) % 4));
    for (let i = 0; i < entries.length; i += data.upsertSize)
      await temporary.store.VectorIndex.upsert(entries.slice(i, i + data.upsertSize));
    await temporary.store.vectorsSettled();
    let found = 0;
    for (let q = 0; q < data.queries; q++) {
      const query = seededVector(D, seed + q);
      const hits = await temporary.store.VectorIndex.search({ ownerId: OWNER, vector: query, limit: 10 });
      const expected = new Set(exactTopChunks(query, entries, 10));
      found += hits.slice(0, 10).filter((hit) => expected.has(hit.chunkId)).length;
    }
    return found / (data.queries * 10);
  } finally {
    await temporary.cleanup();
  }
};

describe('ApproximateVectorIndex', () => {
  it('property: recall@10 against exact max-pooled search is at least 0.95 on clustered data (f16 graph)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 5, max: 40 }),
        async (seed, clusters) => {
          const recall = await recallAt10(seed, { count: 1_500, clusters, upsertSize: 500, queries: 20 });
          expect(recall).toBeGreaterThanOrEqual(0.95);
        },
      ),
      { numRuns: 3 },
    );
  });

  it('property: recall@10 against exact max-pooled search is at least 0.95 on clustered data (binary codes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 5, max: 60 }),
        async (seed, clusters) => {
          const data = { count: 8_000, clusters, upsertSize: 2_000, queries: 30 };
          expect(await recallAt10(seed, data, { index: 'codes' })).toBeGreaterThanOrEqual(0.95);
        },
      ),
      { numRuns: 3 },
    );
  });

  it('property: a graph built on two threads, each call an eighth of the graph at most, keeps recall@10 at least 0.95', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const data = { count: 8_000, clusters: 60, upsertSize: 2_000, queries: 30 };
        expect(await recallAt10(seed, data, { insertThreads: 2 })).toBeGreaterThanOrEqual(0.95);
      }),
      { numRuns: 2 },
    );
  });

  it('property: a graph of four segments, each searched with its share of the expansion, keeps recall@10 at least 0.95', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const data = { count: 8_000, clusters: 60, upsertSize: 2_000, queries: 30 };
        // 256 in all: each 2,000-vector segment is searched with 64, the 40 asked for (10 x 4) at least.
        const shape = { segmentVectors: 2_000, expansionSearch: 256 };
        expect(await recallAt10(seed, data, shape)).toBeGreaterThanOrEqual(0.95);
      }),
      { numRuns: 2 },
    );
  });

  it.each(['codes', 'hnsw'] as const)(
    'property (%s): a deleted document is never returned, whatever the interleaving of writes, deletes, catch-ups and searches',
    async (kind) => {
      const step = fc.oneof(
        fc.record({ kind: fc.constant('upsert' as const), document: fc.integer({ min: 0, max: 5 }), seed: fc.nat() }),
        fc.record({ kind: fc.constant('delete' as const), document: fc.integer({ min: 0, max: 5 }) }),
        fc.record({ kind: fc.constant('settle' as const) }),
        fc.record({ kind: fc.constant('search' as const), seed: fc.nat(), scoped: fc.boolean() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          // Segments of 64 vectors: deletes land in full segments (mapped, read-only) and in the last one.
          const temporary = openTemporaryStore({
            approximateSearch: { index: kind, minVectors: 1, quantization: 'f16', segmentVectors: 64 },
          });
          const index = temporary.store.VectorIndex;
          // The model: which chunks each document holds now.
          const live = new Map<string, Set<string>>();
          let generation = 0;
          try {
            for (const s of steps) {
              if (s.kind === 'upsert') {
                const documentId = `d${s.document}`;
                generation++;
                const chunks = Array.from({ length: 20 }, (_, i) => `c${generation}-${i}`);
                await index.upsert(
                  chunks.flatMap((chunkId, i) =>
                    [0, 1].map((w) => ({
                      entryId: `${chunkId}-${w}`,
                      chunkId,
                      documentId,
                      ownerId: OWNER,
                      vector: seededVector(D, s.seed + i * 2 + w),
                    })),
                  ),
                );
                live.set(documentId, new Set([...(live.get(documentId) ?? []), ...chunks]));
              } else if (s.kind === 'delete') {
                await index.deleteDocument(OWNER, `d${s.document}`);
                live.delete(`d${s.document}`);
              } else if (s.kind === 'settle') {
                await temporary.store.vectorsSettled();
              } else {
                const documentIds = s.scoped ? ['d0', 'd1'] : undefined;
                const hits = await index.search({
                  ownerId: OWNER,
                  vector: seededVector(D, s.seed),
                  limit: 10,
                  ...(documentIds !== undefined && { documentIds }),
                });
                for (const hit of hits) {
                  expect(live.get(hit.documentId)?.has(hit.chunkId)).toBe(true);
                  if (documentIds !== undefined) expect(documentIds).toContain(hit.documentId);
                }
                const liveChunks = [...live.entries()]
                  .filter(([documentId]) => documentIds === undefined || documentIds.includes(documentId))
                  .reduce((n, [, chunks]) => n + chunks.size, 0);
                expect(hits).toHaveLength(Math.min(10, liveChunks));
              }
            }
          } finally {
            await temporary.cleanup();
          }
        }),
        { numRuns: 15 },
      );
    },
  );
});
