import { TOKENS } from '@docent/domain';
import { ManualClock } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { createInMemoryAdapters } from './create-in-memory-adapters.ts';

describe('createInMemoryAdapters', () => {
  it('keys every adapter by a TOKENS name', () => {
    const adapters = createInMemoryAdapters();
    for (const name of Object.keys(adapters)) expect(Object.keys(TOKENS)).toContain(name);
  });

  it('shares the clock and one dimension between embedder and vector index', async () => {
    const clock = new ManualClock('2030-06-01T00:00:00.000Z');
    const adapters = createInMemoryAdapters({ clock, dimensions: 64 });
    expect(adapters.Clock).toBe(clock);
    expect(adapters.Embedder.dimensions).toBe(64);
    const [vector] = await adapters.Embedder.embed(['shared dimension']);
    if (!vector) throw new Error('no vector');
    await adapters.VectorIndex.upsert([{ chunkId: 'c1', documentId: 'd1', ownerId: 'o1', vector }]);
    expect((await adapters.VectorIndex.search({ ownerId: 'o1', vector, limit: 1 }))[0]?.score).toBeCloseTo(1, 5);
    const user = await adapters.IdentityProvider.register('a@example.com', 'long enough password');
    expect(user.createdAt).toBe('2030-06-01T00:00:00.000Z');
  });

  it('makes document creation and job enqueueing one unit', async () => {
    const adapters = createInMemoryAdapters({ clock: new ManualClock() });
    await expect(
      adapters.UnitOfWork.run(async () => {
        await adapters.JobQueue.enqueue({ name: 'document.process', key: 'k1', payload: {} });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await adapters.JobQueue.claim({ leaseMs: 1000 })).toBeNull();
  });
});
