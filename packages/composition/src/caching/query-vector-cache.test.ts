import type { Embedder } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { cachedQueryEmbedder } from './query-vector-cache.ts';

/** A model stand-in that numbers its calls: each vector holds the call that made it. */
const countingEmbedder = () => {
  const calls: string[][] = [];
  const embedder: Embedder = {
    modelId: 'counting',
    dimensions: 2,
    async embed(texts) {
      calls.push([...texts]);
      if (texts.includes('fail')) throw new Error('model failed');
      return texts.map(() => Float32Array.of(calls.length, texts.length));
    },
  };
  return { embedder, calls };
};

describe('cachedQueryEmbedder', () => {
  it('embeds a repeated question once and gives each caller its own copy of the same vector', async () => {
    const { embedder, calls } = countingEmbedder();
    const cached = cachedQueryEmbedder(embedder, 10);
    const [first] = await cached.embed(['what is xz?'], { purpose: 'query' });
    (first as Float32Array)[0] = 99;
    expect(await cached.embed(['what is xz?'], { purpose: 'query' })).toEqual([Float32Array.of(1, 1)]);
    expect(calls).toEqual([['what is xz?']]);
    expect(cached.modelId).toBe('counting');
  });

  it('sends passages, several texts and failed questions to the model every time', async () => {
    const { embedder, calls } = countingEmbedder();
    const cached = cachedQueryEmbedder(embedder, 10);
    for (let i = 0; i < 2; i++) {
      await cached.embed(['a passage'], { purpose: 'passage' });
      await cached.embed(['q1', 'q2'], { purpose: 'query' });
      await expect(cached.embed(['fail'], { purpose: 'query' })).rejects.toThrow('model failed');
    }
    expect(calls).toHaveLength(6);
  });

  it('keeps the last maxEntries questions used, least recently used out first; 0 keeps none', async () => {
    const { embedder, calls } = countingEmbedder();
    const cached = cachedQueryEmbedder(embedder, 2);
    for (const question of ['a', 'b', 'a', 'c', 'a', 'b']) await cached.embed([question], { purpose: 'query' });
    // 'b' was the least recently used when 'c' came, so it is embedded again; 'a' never is.
    expect(calls).toEqual([['a'], ['b'], ['c'], ['b']]);
    expect(cachedQueryEmbedder(embedder, 0)).toBe(embedder);
  });

  it('rejects an aborted call even when the vector is known', async () => {
    const { embedder } = countingEmbedder();
    const cached = cachedQueryEmbedder(embedder, 2);
    await cached.embed(['a'], { purpose: 'query' });
    await expect(cached.embed(['a'], { purpose: 'query', signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
