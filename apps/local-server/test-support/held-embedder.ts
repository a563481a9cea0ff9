import type { Embedder } from '@docent/domain';

/**
 * An embedder that answers as `inner` does, except that after `hold` its calls wait until the test
 * calls `release`.
 */
export class HeldEmbedder implements Embedder {
  readonly #inner: Embedder;
  readonly #held: Array<() => void> = [];
  #holding = false;

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
    if (this.#holding) await new Promise<void>((resolve) => this.#held.push(resolve));
    return this.#inner.embed(texts, options);
  }

  /** Makes the next calls wait for `release`. */
  hold(): void {
    this.#holding = true;
  }

  /** Lets every held call go on, and the next ones pass. */
  release(): void {
    this.#holding = false;
    for (const resolve of this.#held.splice(0)) resolve();
  }
}
