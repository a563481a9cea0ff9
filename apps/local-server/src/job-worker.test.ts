import { describe, expect, it } from 'vitest';
import { JobWorker } from './job-worker.ts';

describe('JobWorker', () => {
  it('drains due jobs back to back, then polls until stopped', async () => {
    let queued = 3;
    let calls = 0;
    const runner = {
      async runNext() {
        calls++;
        if (queued === 0) return false;
        queued--;
        return true;
      },
    };
    const worker = new JobWorker(runner, { pollMs: 5 });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await worker.stop();
    expect(queued).toBe(0);
    const callsAfterStop = calls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(callsAfterStop);
  });

  it('keeps running after a runner error and reports it', async () => {
    const errors: unknown[] = [];
    let attempt = 0;
    const runner = {
      async runNext() {
        attempt++;
        if (attempt === 1) throw new Error('store hiccup');
        return false;
      },
    };
    const worker = new JobWorker(runner, { pollMs: 2, onError: (e) => errors.push(e) });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await worker.stop();
    expect(errors).toHaveLength(1);
    expect(attempt).toBeGreaterThan(1);
  });

  it('stop waits for the running job to finish', async () => {
    let finished = false;
    const runner = {
      async runNext() {
        await new Promise((resolve) => setTimeout(resolve, 40));
        finished = true;
        return false;
      },
    };
    const worker = new JobWorker(runner, { pollMs: 1000 });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    expect(finished).toBe(true);
  });
});
