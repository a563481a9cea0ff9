import { z } from 'zod';

/** How the local server runs questions under load (see docs/adr/0012-ask-under-load.md). */
export interface AskConfig {
  /** Worker threads answering questions; 0 answers them on the server's event loop. */
  workers: number;
  /** Questions answered at once; more wait in the queue. */
  concurrency: number;
  /** Questions waiting for a turn; one more is answered 503 `overloaded` with `retry-after`. */
  maxQueue: number;
  /** Milliseconds before a refusal is answered, to slow clients that retry at once. */
  refusalDelayMs: number;
  /** Distinct questions whose vectors are kept, so a repeated question skips the embedder (0: off). */
  queryCacheEntries: number;
  /** Bytes of owners' vectors each store connection keeps in memory for exact searches (0: off). */
  vectorCacheBytes: number;
}

/** The ask settings; merged into the server's one schema. Defaults measured on the 2-core target. */
export const askSchema = {
  DOCENT_ASK_WORKERS: z.coerce.number().int().min(0).max(64).default(2),
  DOCENT_ASK_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(8),
  DOCENT_ASK_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(32),
  DOCENT_ASK_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  // About 2 KiB per 512-d vector: 1,024 questions hold 2 MiB.
  DOCENT_ASK_QUERY_CACHE: z.coerce.number().int().min(0).max(1_000_000).default(1024),
  // Per connection (the server's and each ask worker's): 32 MiB holds ~15k 512-d vectors, e.g. the
  // qa-dev library (4.5k vectors, 9.5 MiB) three times over; larger owners stay in SQLite or the ANN.
  DOCENT_ASK_VECTOR_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
};

const askObject = z.object(askSchema);

/** The validated settings as the composition root uses them. */
export const askConfig = (c: z.infer<typeof askObject>): AskConfig => ({
  workers: c.DOCENT_ASK_WORKERS,
  concurrency: c.DOCENT_ASK_CONCURRENCY,
  maxQueue: c.DOCENT_ASK_MAX_QUEUE,
  refusalDelayMs: c.DOCENT_ASK_REFUSAL_DELAY_MS,
  queryCacheEntries: c.DOCENT_ASK_QUERY_CACHE,
  vectorCacheBytes: c.DOCENT_ASK_VECTOR_CACHE_MB * 1024 * 1024,
});
