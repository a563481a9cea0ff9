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
}

/** The ask settings; merged into the server's one schema. Defaults measured on the 2-core target. */
export const askSchema = {
  DOCENT_ASK_WORKERS: z.coerce.number().int().min(0).max(64).default(2),
  DOCENT_ASK_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(8),
  DOCENT_ASK_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(32),
  DOCENT_ASK_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
};

const askObject = z.object(askSchema);

/** The validated settings as the composition root uses them. */
export const askConfig = (c: z.infer<typeof askObject>): AskConfig => ({
  workers: c.DOCENT_ASK_WORKERS,
  concurrency: c.DOCENT_ASK_CONCURRENCY,
  maxQueue: c.DOCENT_ASK_MAX_QUEUE,
  refusalDelayMs: c.DOCENT_ASK_REFUSAL_DELAY_MS,
});
