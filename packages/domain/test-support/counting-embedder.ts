import type { Embedder } from '../src/ports/embedder.ts';

/** An embedder that passes every call to `inner` and records the passage texts it was given, in order. */
export class CountingEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** Every passage text embedded so far, one entry per time it was sent. */
  readonly passages: string[] = [];
  /** Passage calls so far. */
  calls = 0;
  readonly #inner: Embedder;

  constructor(inner: Embedder) {
    this.#inner = inner;
    this.modelId = inner.modelId;
    this.dimensions = inner.dimensions;
  }

  /** Records passage texts (queries are not counted), then embeds with the inner embedder. */
  embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    if (options?.purpose !== 'query') {
      this.calls += 1;
      this.passages.push(...texts);
    }
    return this.#inner.embed(texts, options);
  }
}
