import { describe, expect, it } from 'vitest';
import { mapLimited } from './map-limited.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapLimited', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      for (let i = 0; i < n; i++) await tick();
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('answers [] for no items without calling fn', async () => {
    expect(await mapLimited([], 4, async () => Promise.reject(new Error('called')))).toEqual([]);
  });

  it('rejects with the failure after the started calls settle, starting no new ones', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapLimited([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('boom');
      await tick();
      finished.push(n);
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});
