import { DocentError } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePassages } from './sample-passages.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

const maxDifference = (a: Float32Array, b: Float32Array): number =>
  a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);

/** Resolves to the order in which the given promises settled, by label. */
const settleOrder = async (promises: Record<string, Promise<unknown>>): Promise<string[]> => {
  const order: string[] = [];
  await Promise.allSettled(
    Object.entries(promises).map(([label, promise]) => promise.finally(() => order.push(label)).catch(() => {})),
  );
  return order;
};

describe('UseLiteEmbedder worker scheduling (real model)', () => {
  const embedder = new UseLiteEmbedder({ batchSize: 2 });
  const passages = samplePassages(24);
  beforeAll(() => embedder.embed(['warm up']));
  afterAll(() => embedder.close());

  it('answers concurrent callers each with their own vectors', async () => {
    const callers = [0, 1, 2, 3].map((c) => passages.slice(c * 5, c * 5 + 5));
    const concurrent = await Promise.all(callers.map((texts) => embedder.embed(texts)));
    for (const [c, texts] of callers.entries()) {
      const alone = await embedder.embed(texts);
      expect(concurrent[c]).toHaveLength(texts.length);
      for (const [i, vector] of alone.entries()) {
        expect(maxDifference(concurrent[c]?.[i] as Float32Array, vector)).toBeLessThan(1e-6);
      }
    }
  });

  it('runs a queued query before queued passage batches', async () => {
    const running = embedder.embed(passages.slice(0, 2));
    const queuedPassage = embedder.embed(passages.slice(2, 4));
    const query = embedder.embed(['how do I detach a tmux session'], { purpose: 'query' });
    expect(await settleOrder({ running, queuedPassage, query })).toEqual(['running', 'query', 'queuedPassage']);
  });

  it('lets callers take turns instead of finishing one document first', async () => {
    const longDocument = embedder.embed(passages.slice(0, 12));
    const shortDocument = embedder.embed(passages.slice(12, 14));
    expect(await settleOrder({ longDocument, shortDocument })).toEqual(['shortDocument', 'longDocument']);
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const reason = new Error('caller gave up');
    await expect(embedder.embed(['x'], { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('drops a queued call on abort without waiting for the running batch', async () => {
    const controller = new AbortController();
    const running = embedder.embed(passages.slice(0, 2));
    const aborted = embedder.embed(passages.slice(2, 4), { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await settleOrder({ running, aborted })).toEqual(['aborted', 'running']);
    await expect(running).resolves.toHaveLength(2);
  });

  it('stops a multi-batch call between batches when aborted', async () => {
    const controller = new AbortController();
    const document = embedder.embed(passages.slice(0, 10), { signal: controller.signal });
    // The query runs right after the document's first batch; abort then, mid-document.
    await embedder.embed(['what does xz -9 do'], { purpose: 'query' });
    controller.abort();
    await expect(document).rejects.toMatchObject({ name: 'AbortError' });
    await expect(embedder.embed(['still works'])).resolves.toHaveLength(1);
  });

  it('fails outstanding calls as retryable when the worker stops, then restarts it', async () => {
    const running = embedder.embed(passages.slice(0, 4));
    const queued = embedder.embed(passages.slice(4, 6));
    const outcomes = Promise.allSettled([running, queued]);
    await embedder.close();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DocentError);
      expect(error).toMatchObject({ code: 'embedding_failed', retryable: true });
    }
    await expect(embedder.embed(passages.slice(0, 3))).resolves.toHaveLength(3);
  });

  it('keeps the event loop responsive during one large batch', async () => {
    // One batch for all passages: run on this thread, it would show as one gap as long as the batch.
    const oneBatch = new UseLiteEmbedder({ batchSize: passages.length });
    await oneBatch.embed(['warm up']);
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    const start = performance.now();
    const vectors = await oneBatch.embed(passages).finally(() => clearInterval(timer));
    const batchTime = performance.now() - start;
    await oneBatch.close();
    expect(vectors).toHaveLength(passages.length);
    expect(gaps.length).toBeGreaterThan(10);
    expect(Math.max(...gaps)).toBeLessThan(batchTime / 10);
  });
});
