/** Turns texts into dense vectors. Implementations batch internally as they see fit. */
export interface Embedder {
  /** Stable model identifier, stored with vectors so a model change forces re-embedding. */
  readonly modelId: string;
  /** Length of every vector returned. */
  readonly dimensions: number;
  /**
   * One unit-length vector per input text, in input order. `purpose` lets asymmetric models
   * prefix queries and passages differently. Throws DocentError `embedding_failed` (retryable
   * when transient).
   */
  embed(
    texts: readonly string[],
    options?: { purpose?: 'query' | 'passage'; signal?: AbortSignal },
  ): Promise<Float32Array[]>;
  /**
   * Optional: the order in which to embed these passages (a permutation of their indexes) for the
   * least work when a caller embeds them over several `embed` calls. An embedder whose cost depends
   * on how texts are batched (USE Lite pads a batch to its longest text and pays a fixed cost per
   * model call) puts texts of like cost next to each other; without it callers keep their own order.
   * Vectors do not depend on the order.
   */
  passageOrder?(texts: readonly string[]): Promise<number[]>;
}
