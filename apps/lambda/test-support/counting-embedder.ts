import type { Embedder } from '@docent/domain';

/** `inner`, counting its calls and, while `delayMs` is set, answering that much later. */
export const countingEmbedder = (inner: Embedder) => {
  let calls = 0;
  const embedder: Embedder & { calls(): number; delayMs: number } = {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    delayMs: 0,
    calls: () => calls,
    async embed(texts, options) {
      calls += 1;
      if (embedder.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, embedder.delayMs));
      return inner.embed(texts, options);
    },
  };
  return embedder;
};
