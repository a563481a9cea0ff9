/** Messages between `EmbeddingWorkerPool` and `use-lite-worker.ts`; one request in flight per worker at a time. */

/** What each worker is started with (`workerData`). */
export interface EmbedWorkerData {
  /** The gate its native calls pass, closed by the pool before it stops the worker (`native-gate.ts`). */
  nativeGate: SharedArrayBuffer;
}

/** Embed these texts and answer with the same `id`. */
export interface EmbedRequest {
  id: number;
  /** The texts, already truncated (the model-free test worker reads its script from them). */
  texts: string[];
  /** Each text's USE Lite token ids, at most 128 (what the model worker runs; see `UseLiteTokenizer`). */
  tokens: Int32Array[];
}

/** One unit-length vector per requested text, in request order, each on its own transferred buffer. */
export interface EmbedSuccess {
  id: number;
  ok: true;
  vectors: Float32Array[];
}

/** The model could not load or run; the worker itself is still usable. */
export interface EmbedFailure {
  id: number;
  ok: false;
  message: string;
}

export type EmbedResponse = EmbedSuccess | EmbedFailure;
