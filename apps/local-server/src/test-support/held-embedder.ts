import type { Embedder } from '@docent/domain';

/** An embedder whose calls wait until the test calls `release`, then answer as `inner` does. */
export class HeldEmbedder implements Embedder {
  readonly #inner: Embedder;
  readonly #held: Array<() => void> = [];

  constructor(inner: Embedder) {
    this.#inner = inner;
  }

  get modelId(): string {
    return this.#inner.modelId;
  }

  get dimensions(): number {
    return this.#inner.dimensions;
  }

  /** Calls waiting for `release`. */
  get waiting(): number {
    return this.#held.length;
  }

  async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    await new Promise<void>((resolve) => this.#held.push(resolve));
    return this.#inner.embed(texts, options);
  }

  /** Lets every held call go on. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve();
  }
}
