import type { Reranker } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a Reranker adapter's test gives the contract. */
export interface RerankerFixture extends Fixture {
  reranker: Reranker;
}

/** Options of the Reranker contract. */
export interface RerankerContractOptions {
  /** Runs of the property test; lower it for slow models (default 15). */
  numRuns?: number;
}

const QUERY = 'what is relevant here';
// Only the second passage answers the query; every adapter must see that much.
const PASSAGES = ['the cat sat on the mat', 'relevant revenue grew by twelve percent', 'the dog ran in the park'];

/** Registers the tests every Reranker must pass. */
export const describeRerankerContract = (
  adapterName: string,
  setup: () => Promise<RerankerFixture>,
  options: RerankerContractOptions = {},
): void => {
  describe(`Reranker contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('names its model and returns one finite score per passage', async () => {
      const { reranker } = fixture();
      expect(reranker.modelId.length).toBeGreaterThan(0);
      const scores = await reranker.rerank(QUERY, PASSAGES);
      expect(scores).toHaveLength(PASSAGES.length);
      for (const score of scores) expect(Number.isFinite(score)).toBe(true);
    });

    it('scores the passage that answers above the others', async () => {
      const { reranker } = fixture();
      const [cat = 0, answer = 0, dog = 0] = await reranker.rerank(QUERY, PASSAGES);
      expect(answer).toBeGreaterThan(cat);
      expect(answer).toBeGreaterThan(dog);
    });

    it('keeps input order: reversed passages give reversed scores', async () => {
      const { reranker } = fixture();
      const scores = await reranker.rerank(QUERY, PASSAGES);
      const reversed = await reranker.rerank(QUERY, [...PASSAGES].reverse());
      for (const [i, score] of scores.entries()) {
        expect(reversed[PASSAGES.length - 1 - i]).toBeCloseTo(score, 5);
      }
    });

    it('is deterministic', async () => {
      const { reranker } = fixture();
      expect(await reranker.rerank(QUERY, PASSAGES)).toEqual(await reranker.rerank(QUERY, PASSAGES));
    });

    it('returns [] for no passages', async () => {
      const { reranker } = fixture();
      expect(await reranker.rerank(QUERY, [])).toEqual([]);
    });

    it('rejects when the signal is already aborted', async () => {
      const { reranker } = fixture();
      const controller = new AbortController();
      controller.abort(new Error('caller gave up'));
      await expect(reranker.rerank(QUERY, PASSAGES, { signal: controller.signal })).rejects.toThrow('caller gave up');
    });

    it('property: any passages get one finite score each, the same alone as in a batch', async () => {
      const { reranker } = fixture();
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 40 }),
          fc.array(fc.string({ maxLength: 80 }), { minLength: 1, maxLength: 5 }),
          async (query, passages) => {
            const scores = await reranker.rerank(query, passages);
            expect(scores).toHaveLength(passages.length);
            for (const score of scores) expect(Number.isFinite(score)).toBe(true);
            const last = passages.length - 1;
            const [alone = Number.NaN] = await reranker.rerank(query, [passages[last] ?? '']);
            expect(alone).toBeCloseTo(scores[last] ?? Number.NaN, 4);
          },
        ),
        { numRuns: options.numRuns ?? 15 },
      );
    });
  });
};
