import type { Embedder } from '@docent/domain';
import { intercept } from '../metrics/intercept.ts';

/**
 * Remembers the vectors of the last `maxEntries` distinct questions (embedded alone, as the
 * retriever asks for them: one text, purpose `query`), so a question asked again skips the model:
 * with USE Lite that is about 20 ms of CPU of an ask's ~50. The vector is what the model gave for
 * that text, so answers stay identical; USE Lite gives a text the same bits every time, alone or
 * merged with other waiting questions (ADR 0025). Nothing to invalidate when documents change: a question's vector does not
 * depend on them, and the embedder (its `modelId`) is fixed for the cache's life. Passages, and
 * calls with several texts, go straight to the model. Failures and aborted calls are not kept.
 * Each caller gets its own copy, so one cannot change another's vector. Least recently used first
 * out; `maxEntries` of 0 turns it off.
 */
export const cachedQueryEmbedder = (inner: Embedder, maxEntries: number): Embedder => {
  if (maxEntries <= 0) return inner;
  const vectors = new Map<string, Float32Array>();
  return intercept<Embedder>(inner, {
    async embed(texts, options) {
      const [text] = texts;
      if (options?.purpose !== 'query' || texts.length !== 1 || text === undefined) return inner.embed(texts, options);
      options.signal?.throwIfAborted();
      let vector = vectors.get(text);
      if (vector === undefined) {
        [vector] = await inner.embed(texts, options);
        if (vector === undefined) return [];
      } else {
        vectors.delete(text);
      }
      vectors.set(text, vector);
      for (const oldest of vectors.keys()) {
        if (vectors.size <= maxEntries) break;
        vectors.delete(oldest);
      }
      return [vector.slice()];
    },
  });
};
