import type { Embedder } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosine, vectorNorm } from '../builders/vectors.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What an Embedder adapter's test gives the contract. */
export interface EmbedderFixture extends Fixture {
  embedder: Embedder;
}

/** Options of the Embedder contract. */
export interface EmbedderContractOptions {
  /** Runs of the property test; lower it for slow models (default 15). */
  numRuns?: number;
}

const TEXTS = [
  'The cat sat on the mat.',
  'Quarterly revenue grew by twelve percent.',
  'Use --max-time <seconds> to limit how long curl may run.',
  'Ünïcödé naïve café 文書',
];

const expectUnitVectors = (vectors: readonly Float32Array[], dimensions: number): void => {
  for (const vector of vectors) {
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector).toHaveLength(dimensions);
    expect(Math.abs(vectorNorm(vector) - 1)).toBeLessThan(1e-3);
  }
};

/** Registers the tests every Embedder must pass. */
export const describeEmbedderContract = (
  adapterName: string,
  setup: () => Promise<EmbedderFixture>,
  options: EmbedderContractOptions = {},
): void => {
  describe(`Embedder contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('names its model and returns one unit vector of its dimension per text', async () => {
      const { embedder } = fixture();
      expect(embedder.modelId.length).toBeGreaterThan(0);
      expect(Number.isInteger(embedder.dimensions) && embedder.dimensions > 0).toBe(true);
      const vectors = await embedder.embed(TEXTS);
      expect(vectors).toHaveLength(TEXTS.length);
      expectUnitVectors(vectors, embedder.dimensions);
    });

    it('returns vectors in input order, whatever the batch', async () => {
      const { embedder } = fixture();
      const batch = await embedder.embed(TEXTS);
      const reversed = await embedder.embed([...TEXTS].reverse());
      for (const [i, text] of TEXTS.entries()) {
        const [single] = await embedder.embed([text]);
        if (!single) throw new Error('no vector returned');
        expect(cosine(batch[i] ?? single, single)).toBeGreaterThan(1 - 1e-4);
        expect(cosine(reversed[TEXTS.length - 1 - i] ?? single, single)).toBeGreaterThan(1 - 1e-4);
      }
      expect(cosine(batch[0] ?? new Float32Array(), batch[1] ?? new Float32Array())).toBeLessThan(0.99);
    });

    it('is deterministic', async () => {
      const { embedder } = fixture();
      const [first, second] = [await embedder.embed(TEXTS), await embedder.embed(TEXTS)];
      for (const [i, vector] of first.entries()) {
        const again = second[i];
        if (!again) throw new Error('missing vector');
        for (let d = 0; d < vector.length; d++) expect(Math.abs((vector[d] ?? 0) - (again[d] ?? 0))).toBeLessThan(1e-6);
      }
    });

    it('returns [] for no texts', async () => {
      const { embedder } = fixture();
      expect(await embedder.embed([])).toEqual([]);
    });

    it('embeds queries and passages alike in shape', async () => {
      const { embedder } = fixture();
      expectUnitVectors(await embedder.embed(['how long may curl run?'], { purpose: 'query' }), embedder.dimensions);
      expectUnitVectors(
        await embedder.embed(['curl may run for a while'], { purpose: 'passage' }),
        embedder.dimensions,
      );
    });

    it('puts a near-duplicate closer than an unrelated text', async () => {
      const { embedder } = fixture();
      const [text, nearDuplicate, unrelated] = await embedder.embed([
        'The cat sat on the mat by the door.',
        'A cat was sitting on the mat near the door.',
        'Quarterly revenue grew by twelve percent.',
      ]);
      if (!text || !nearDuplicate || !unrelated) throw new Error('missing vectors');
      expect(cosine(text, nearDuplicate)).toBeGreaterThan(cosine(text, unrelated));
    });

    it('property: any texts give unit vectors of the right dimension in input order', async () => {
      const { embedder } = fixture();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
          async (texts) => {
            const vectors = await embedder.embed(texts);
            expect(vectors).toHaveLength(texts.length);
            expectUnitVectors(vectors, embedder.dimensions);
            const [last] = await embedder.embed([texts[texts.length - 1] ?? '']);
            expect(
              cosine(vectors[vectors.length - 1] ?? new Float32Array(), last ?? new Float32Array()),
            ).toBeGreaterThan(1 - 1e-4);
          },
        ),
        { numRuns: options.numRuns ?? 15 },
      );
    });
  });
};
