import type { Embedder } from '@docent/domain';
import type { ReadinessProbe } from '@docent/http-api';

/** The `store` check: the embedded store takes a write transaction. */
export const storeProbe = (store: { checkWritable(): Promise<void> }): ReadinessProbe => ({
  name: 'store',
  check: () => store.checkWritable(),
});

/** Options of `embedderProbe`. */
export interface EmbedderProbeOptions {
  /** How long a successful embed vouches for the model (default 10 s): probes come every few seconds. */
  cacheMs?: number;
  /** Milliseconds from a monotonic clock (default `performance.now`). */
  now?: () => number;
}

/**
 * The `embedder` check: embeds one short query, which proves the model is loaded (the first call
 * loads it) and answering. A success is reused for `cacheMs`, so a load balancer polling `/ready`
 * does not keep the model busy. Give it the unmeasured embedder, so probes stay out of the metrics.
 */
export const embedderProbe = (embedder: Embedder, options: EmbedderProbeOptions = {}): ReadinessProbe => {
  const cacheMs = options.cacheMs ?? 10_000;
  const now = options.now ?? (() => performance.now());
  let passedAt: number | undefined;
  return {
    name: 'embedder',
    async check() {
      if (passedAt !== undefined && now() - passedAt < cacheMs) return;
      const [vector] = await embedder.embed(['ready'], { purpose: 'query' });
      if (vector?.length !== embedder.dimensions) throw new Error('the embedder returned no vector of its width');
      passedAt = now();
    },
  };
};
