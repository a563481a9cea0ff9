/** Messages between `EmbeddingWorkerPool` and `use-lite-worker.ts`; one request in flight per worker at a time. */

/** Embed these texts (already truncated, possibly empty) and answer with the same `id`. */
export interface EmbedRequest {
  id: number;
  texts: string[];
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
