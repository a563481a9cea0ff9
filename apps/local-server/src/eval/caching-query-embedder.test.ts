import { HashingEmbedder } from '@docent/adapters-inmemory';
import type { Embedder } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { CachingQueryEmbedder } from './caching-query-embedder.ts';

/** The real hashing embedder, counting the texts it is asked to embed. */
class CountingEmbedder implements Embedder {
  readonly inner = new HashingEmbedder({ dimensions: 64 });
  readonly modelId = this.inner.modelId;
  readonly dimensions = this.inner.dimensions;
  embedded: string[] = [];
  embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]) {
    this.embedded.push(...texts);
    return this.inner.embed(texts, options);
  }
}

describe('CachingQueryEmbedder', () => {
  it('embeds each query text once and returns the same vectors as the embedder', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachingQueryEmbedder(inner);
    const first = await cached.embed(['zstd levels', 'tmux prefix', 'zstd levels'], { purpose: 'query' });
    const again = await cached.embed(['tmux prefix'], { purpose: 'query' });
    expect(inner.embedded).toEqual(['zstd levels', 'tmux prefix']);
    expect(again[0]).toBe(first[1]);
    expect([...(first[0] ?? [])]).toEqual([...((await inner.inner.embed(['zstd levels']))[0] ?? [])]);
    expect(cached.dimensions).toBe(64);
  });

  it('always embeds passages', async () => {
    const inner = new CountingEmbedder();
    const cached = new CachingQueryEmbedder(inner);
    await cached.embed(['a passage'], { purpose: 'passage' });
    await cached.embed(['a passage'], { purpose: 'passage' });
    expect(inner.embedded).toEqual(['a passage', 'a passage']);
  });
});
