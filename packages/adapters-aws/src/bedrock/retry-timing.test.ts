import { describe, expect, it } from 'vitest';
import { backoffDelay, IdleDeadline, MAX_BACKOFF_MS, sleep } from './retry-timing.ts';

describe('backoffDelay', () => {
  it('doubles per retry with half of it random, capped', () => {
    expect([0, 1, 2].map((retry) => backoffDelay(retry, 100, 0))).toEqual([50, 100, 200]);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, 100, 0.999))).toEqual([99.95, 199.9, 399.8]);
    expect(backoffDelay(30, 500, 0.5)).toBe(MAX_BACKOFF_MS * 0.75);
  });
});

describe('IdleDeadline', () => {
  it('fires after the time without activity, and extending pushes it back', async () => {
    const deadline = new IdleDeadline(60);
    await sleep(40);
    deadline.extend();
    await sleep(40);
    expect(deadline.expired).toBe(false);
    await sleep(60);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.aborted).toBe(true);
  });

  it('never fires once disposed', async () => {
    const deadline = new IdleDeadline(10);
    deadline.dispose();
    deadline.extend();
    await sleep(30);
    expect(deadline.expired).toBe(false);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason, at once or while waiting', async () => {
    const reason = new Error('stop');
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 10);
    const started = Date.now();
    await expect(sleep(5_000, controller.signal)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
