import { describe, expect, it } from 'vitest';
import { WorkerHeartbeat } from './worker-heartbeat.ts';

const STALL_MS = 30_000;

describe('WorkerHeartbeat', () => {
  it('fails before the worker ever polled, passes after a poll and fails once polls stop', async () => {
    let now = 0;
    const heartbeat = new WorkerHeartbeat(() => now);
    const probe = heartbeat.probe(STALL_MS);
    await expect(probe.check()).rejects.toThrow(/has not started/);
    const runner = heartbeat.wrap({ runNext: async () => false });
    expect(await runner.runNext()).toBe(false);
    now += STALL_MS;
    await expect(probe.check()).resolves.toBeUndefined();
    now += 1;
    await expect(probe.check()).rejects.toThrow(/has not polled for 30 s/);
  });

  it('counts a long-running job as alive, however long it takes', async () => {
    let now = 0;
    let finish = (_: boolean): void => {};
    const heartbeat = new WorkerHeartbeat(() => now);
    const running = heartbeat.wrap({ runNext: () => new Promise<boolean>((resolve) => (finish = resolve)) }).runNext();
    now += 10 * STALL_MS;
    await expect(heartbeat.probe(STALL_MS).check()).resolves.toBeUndefined();
    finish(true);
    expect(await running).toBe(true);
  });

  it('passes the runner errors through and still notes the call', async () => {
    let now = 0;
    const heartbeat = new WorkerHeartbeat(() => now);
    const failing = heartbeat.wrap({
      runNext: async () => {
        throw new Error('store hiccup');
      },
    });
    await expect(failing.runNext()).rejects.toThrow('store hiccup');
    now += 1_000;
    await expect(heartbeat.probe(STALL_MS).check()).resolves.toBeUndefined();
  });
});
