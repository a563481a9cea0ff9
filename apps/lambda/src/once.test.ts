import { describe, expect, it } from 'vitest';
import { once } from './once.ts';

describe('once', () => {
  it('builds once and shares the result, also between concurrent first calls', async () => {
    let builds = 0;
    const get = once(async () => ({ build: ++builds }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(builds).toBe(1);
  });

  it('does not keep a failure: the next call builds again', async () => {
    let builds = 0;
    const get = once(async () => {
      builds += 1;
      if (builds === 1) throw new Error('cold start failed');
      return builds;
    });
    await expect(get()).rejects.toThrow('cold start failed');
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
  });
});
