/**
 * Second-stage relevance model that reads a question and each passage together (a cross-encoder,
 * or any scorer of that shape). Used to rescore the few best first-stage candidates.
 */
export interface Reranker {
  /** Stable model identifier, for logs and evaluation reports. */
  readonly modelId: string;
  /**
   * One relevance score per passage, in input order; higher is more relevant. Scores are only
   * comparable within one call. `[]` for no passages. Throws DocentError `unavailable` when the
   * model cannot run (retryable when transient); an aborted `signal` rejects with its reason.
   */
  rerank(query: string, passages: readonly string[], options?: { signal?: AbortSignal }): Promise<number[]>;
}
