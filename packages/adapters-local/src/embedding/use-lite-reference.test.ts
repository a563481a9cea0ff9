import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

interface Reference {
  texts: { text: string; vector: string }[];
}

// Vectors the embedder gave before its WASM kernels were replaced (see the fixture's `about`).
const reference: Reference = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../../test-support/use-lite-reference-vectors.json'), 'utf8'),
);
const decode = (base64: string): Float32Array => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
const maxDifference = (a: Float32Array, b: Float32Array): number =>
  a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);

describe('UseLiteEmbedder against stored reference vectors', () => {
  const embedder = new UseLiteEmbedder({ batchSize: 8 });
  afterAll(() => embedder.close());
  const texts = reference.texts.map(({ text }) => text);
  const expected = reference.texts.map(({ vector }) => decode(vector));

  it('gives every text its stored vector within 1e-6, and the same bits alone as batched with the others', async () => {
    const batched = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text], { purpose: 'query' });
      expect(maxDifference(alone as Float32Array, expected[i] as Float32Array)).toBeLessThan(1e-6);
      // Bit for bit: a question's vector must not depend on the questions embedded with it.
      expect(batched[i]).toEqual(alone);
    }
  });
});
