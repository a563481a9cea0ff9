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
}
