import type { ScoredChunk, VectorEntry, VectorIndex } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../builders/unique-id.ts';
import { cosine, seededVector, unitVector, vectorOf } from '../builders/vectors.ts';
import { expectDocentError } from '../support/expect-docent-error.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a VectorIndex adapter's test gives the contract: an empty index and its dimension (at least 4). */
export interface VectorIndexFixture extends Fixture {
  index: VectorIndex;
  dimensions: number;
}

/** A vector entry with unique ids. */
export const makeVectorEntry = (
  vector: Float32Array,
  overrides: Partial<Omit<VectorEntry, 'vector'>> = {},
): VectorEntry => ({
  chunkId: uniqueId('chunk'),
  documentId: uniqueId('doc'),
  ownerId: uniqueId('owner'),
  vector,
  ...overrides,
});

const chunkIds = (hits: readonly { chunkId: string }[]): string[] => hits.map((hit) => hit.chunkId);
const TOLERANCE = 1e-4;

const expectDescendingScores = (hits: readonly ScoredChunk[]): void => {
  for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
};

/** Registers the tests every VectorIndex must pass. `setup` must return an empty index. */
export const describeVectorIndexContract = (adapterName: string, setup: () => Promise<VectorIndexFixture>): void => {
  describe(`VectorIndex contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('returns the nearest first, scored by cosine similarity rather than dot product', async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      const same = makeVectorEntry(vectorOf(dimensions, [5]), { ownerId });
      const diagonal = makeVectorEntry(vectorOf(dimensions, [3, 3]), { ownerId });
      const orthogonal = makeVectorEntry(unitVector(dimensions, 1), { ownerId });
      const opposite = makeVectorEntry(vectorOf(dimensions, [-0.5]), { ownerId });
      await index.upsert([orthogonal, opposite, diagonal, same]);
      const hits = await index.search({ ownerId, vector: vectorOf(dimensions, [0.2]), limit: 10 });
      expect(chunkIds(hits)).toEqual(chunkIds([same, diagonal, orthogonal, opposite]));
      const expectedScores = [1, Math.SQRT1_2, 0, -1];
      hits.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(expectedScores[i] ?? Number.NaN, 4);
      });
      expect(hits[0]?.documentId).toBe(same.documentId);
    });

    it('returns at most limit hits', async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      await index.upsert(
        Array.from({ length: 5 }, (_, i) => makeVectorEntry(seededVector(dimensions, i + 1), { ownerId })),
      );
      const hits = await index.search({ ownerId, vector: seededVector(dimensions, 99), limit: 2 });
      expect(hits).toHaveLength(2);
      expectDescendingScores(hits);
    });

    it("searches only the owner's vectors, and only the given documents when asked", async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      const [d1, d2, d3] = [uniqueId('doc'), uniqueId('doc'), uniqueId('doc')];
      const mine = [d1, d2, d3].map((documentId) =>
        makeVectorEntry(unitVector(dimensions, 0), { ownerId, documentId }),
      );
      const foreign = makeVectorEntry(unitVector(dimensions, 0), { documentId: d1 });
      await index.upsert([...mine, foreign]);
      const query = unitVector(dimensions, 0);
      expect(chunkIds(await index.search({ ownerId, vector: query, limit: 10 })).sort()).toEqual(chunkIds(mine).sort());
      const scoped = await index.search({ ownerId, vector: query, documentIds: [d1, d3], limit: 10 });
      expect(scoped.map((hit) => hit.documentId).sort()).toEqual([d1, d3].sort());
      expect(await index.search({ ownerId: uniqueId('owner'), vector: query, limit: 10 })).toEqual([]);
    });

    it('upserting a chunk id again replaces its vector', async () => {
      const { index, dimensions } = fixture();
      const entry = makeVectorEntry(unitVector(dimensions, 0));
      await index.upsert([entry]);
      await index.upsert([{ ...entry, vector: unitVector(dimensions, 2) }]);
      const hits = await index.search({ ownerId: entry.ownerId, vector: unitVector(dimensions, 2), limit: 10 });
      expect(chunkIds(hits)).toEqual([entry.chunkId]);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
    });

    it('scores a chunk with several vectors by its nearest one and lists it once', async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      const chunkId = uniqueId('chunk');
      const documentId = uniqueId('doc');
      const sentences = [0, 1, 2].map((axis) =>
        makeVectorEntry(unitVector(dimensions, axis), { ownerId, chunkId, documentId, entryId: uniqueId('entry') }),
      );
      const other = makeVectorEntry(vectorOf(dimensions, [0, 0, 1, 1]), { ownerId });
      await index.upsert([...sentences, other]);
      const hits = await index.search({ ownerId, vector: unitVector(dimensions, 2), limit: 10 });
      expect(chunkIds(hits)).toEqual([chunkId, other.chunkId]);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect(hits[1]?.score).toBeCloseTo(Math.SQRT1_2, 4);
      expect(chunkIds(await index.search({ ownerId, vector: unitVector(dimensions, 0), limit: 1 }))).toEqual([chunkId]);
      // Replacing one entry leaves the chunk's other vectors in place.
      await index.upsert([{ ...(sentences[2] as VectorEntry), vector: unitVector(dimensions, 3) }]);
      const after = await index.search({ ownerId, vector: unitVector(dimensions, 2), limit: 10 });
      expect(chunkIds(after)).toEqual([other.chunkId, chunkId]);
      await index.deleteDocument(ownerId, documentId);
      expect(chunkIds(await index.search({ ownerId, vector: unitVector(dimensions, 0), limit: 10 }))).toEqual([
        other.chunkId,
      ]);
    });

    it('keeps what was upserted: changing the given array later does not move the stored vector', async () => {
      const { index, dimensions } = fixture();
      const vector = unitVector(dimensions, 0);
      const entry = makeVectorEntry(vector);
      await index.upsert([entry]);
      vector[0] = -1;
      const hits = await index.search({ ownerId: entry.ownerId, vector: unitVector(dimensions, 0), limit: 1 });
      expect(hits[0]?.score).toBeCloseTo(1, 4);
    });

    it("deleteDocument removes every vector of that owner's document and nothing else", async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      const gone = uniqueId('doc');
      const kept = makeVectorEntry(unitVector(dimensions, 0), { ownerId });
      await index.upsert([
        makeVectorEntry(unitVector(dimensions, 0), { ownerId, documentId: gone }),
        makeVectorEntry(unitVector(dimensions, 1), { ownerId, documentId: gone }),
        kept,
      ]);
      await index.deleteDocument(uniqueId('owner'), gone);
      expect(await index.search({ ownerId, vector: unitVector(dimensions, 0), limit: 10 })).toHaveLength(3);
      await index.deleteDocument(ownerId, gone);
      expect(chunkIds(await index.search({ ownerId, vector: unitVector(dimensions, 1), limit: 10 }))).toEqual([
        kept.chunkId,
      ]);
      await index.deleteDocument(ownerId, gone);
    });

    it('upsert throws validation_failed for a vector of the wrong dimension and stores nothing of it', async () => {
      const { index, dimensions } = fixture();
      const ownerId = uniqueId('owner');
      await expectDocentError(
        index.upsert([makeVectorEntry(new Float32Array(dimensions + 1).fill(1), { ownerId })]),
        'validation_failed',
      );
      await expectDocentError(
        index.upsert([makeVectorEntry(new Float32Array(dimensions - 1).fill(1), { ownerId })]),
        'validation_failed',
      );
      expect(await index.search({ ownerId, vector: unitVector(dimensions, 0), limit: 10 })).toEqual([]);
    });

    it('property: hits are all of the owner’s vectors, nearest first, with cosine scores', async () => {
      const { index, dimensions } = fixture();
      const specArb = fc.record({ owner: fc.integer({ min: 0, max: 2 }), seed: fc.integer({ min: 1, max: 2 ** 31 }) });
      await fc.assert(
        fc.asyncProperty(
          fc.array(specArb, { maxLength: 12 }),
          fc.integer({ min: 1, max: 2 ** 31 }),
          async (specs, querySeed) => {
            const owners = [uniqueId('owner'), uniqueId('owner'), uniqueId('owner')] as const;
            const entries = specs.map((spec) =>
              makeVectorEntry(seededVector(dimensions, spec.seed), { ownerId: owners[spec.owner] }),
            );
            await index.upsert(entries);
            const query = seededVector(dimensions, querySeed);
            for (const ownerId of owners) {
              const own = entries.filter((entry) => entry.ownerId === ownerId);
              const hits = await index.search({ ownerId, vector: query, limit: 50 });
              expect(chunkIds(hits).sort()).toEqual(chunkIds(own).sort());
              expectDescendingScores(hits);
              for (const hit of hits) {
                const entry = own.find((candidate) => candidate.chunkId === hit.chunkId);
                expect(hit.documentId).toBe(entry?.documentId);
                expect(Math.abs(hit.score - cosine(query, entry?.vector ?? query))).toBeLessThan(TOLERANCE);
              }
            }
          },
        ),
        { numRuns: 20 },
      );
    });
  });
};
