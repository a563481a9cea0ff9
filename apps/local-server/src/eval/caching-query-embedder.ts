import type { Embedder } from '@docent/domain';

/**
 * An Embedder that remembers query vectors by text and passes everything else through. The
 * harness embeds each question once, whatever the number of pipelines and grid points asking it.
 */
export class CachingQueryEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly #inner: Embedder;
  readonly #queries = new Map<string, Float32Array>();

  constructor(inner: Embedder) {
    this.#inner = inner;
    this.modelId = inner.modelId;
    this.dimensions = inner.dimensions;
  }

  /** Query vectors come from the cache when seen before; passages are always embedded. */
  async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    if (options?.purpose !== 'query') return this.#inner.embed(texts, options);
    const missing = [...new Set(texts.filter((t) => !this.#queries.has(t)))];
    if (missing.length > 0) {
      const vectors = await this.#inner.embed(missing, options);
      missing.forEach((text, i) => {
        const vector = vectors[i];
        if (vector !== undefined) this.#queries.set(text, vector);
      });
    }
    return texts.map((text) => {
      const vector = this.#queries.get(text);
      if (vector === undefined) throw new Error('The embedder returned too few vectors.');
      return vector;
    });
  }
}
