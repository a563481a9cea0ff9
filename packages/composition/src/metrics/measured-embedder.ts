import type { Embedder, Metrics } from '@docent/domain';
import { intercept } from './intercept.ts';

/**
 * Counts embedded texts and the seconds spent embedding them, by purpose (`query` or `passage`):
 * their ratio is the embedder's throughput. Failed calls count neither.
 */
export const measuredEmbedder = (inner: Embedder, metrics: Metrics, now: () => number): Embedder =>
  intercept<Embedder>(inner, {
    async embed(texts, options) {
      const started = now();
      const vectors = await inner.embed(texts, options);
      const labels = { purpose: options?.purpose ?? 'passage' };
      metrics.increment('embeddedTexts', labels, texts.length);
      metrics.increment('embeddingSeconds', labels, (now() - started) / 1000);
      return vectors;
    },
  });
