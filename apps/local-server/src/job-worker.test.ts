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

  it('runs up to `concurrency` jobs at once, and stop waits for all of them', async () => {
    const releases: Array<() => void> = [];
    let queued = 5;
    let inFlight = 0;
    let maxInFlight = 0;
    let finished = 0;
    let whenTwoRun: () => void = () => {};
    const twoRun = new Promise<void>((resolve) => (whenTwoRun = resolve));
    const runner = {
      async runNext() {
        if (queued === 0) return false;
        queued--;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (inFlight === 2) whenTwoRun();
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight--;
        finished++;
        return true;
      },
    };
    const worker = new JobWorker(runner, { pollMs: 1000, lanes: [{ concurrency: 2 }] });
    worker.start();
    await twoRun;
    // Release jobs one at a time: each freed loop takes the next job, never a third at once.
    for (let released = 0; released < 3; released++) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(finished).toBe(3);
    expect(inFlight).toBe(2);
    let stoppedYet = false;
    const stopped = worker.stop().then(() => {
      stoppedYet = true;
    });
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stoppedYet).toBe(false);
    releases.shift()?.();
    await stopped;
    expect(finished).toBe(5);
    expect(maxInFlight).toBe(2);
  });

  it('gives each lane its own loops, which claim only their job names', async () => {
    const claims: Array<readonly string[] | undefined> = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let quick = 3;
    const runner = {
      async runNext(options: { names?: readonly string[] } = {}) {
        claims.push(options.names);
        // The slow lane's one job holds its loop until released; the fast lane keeps draining.
        if (options.names?.includes('slow')) {
          await held;
          return false;
        }
        if (quick === 0) return false;
        quick--;
        return true;
      },
    };
    const worker = new JobWorker(runner, {
      pollMs: 1000,
      lanes: [
        { names: ['fast'], concurrency: 1 },
        { names: ['slow'], concurrency: 2 },
      ],
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(quick).toBe(0);
    expect(claims.filter((names) => names?.[0] === 'slow')).toHaveLength(2);
    expect(claims.filter((names) => names?.[0] === 'fast')).toHaveLength(4);
    expect(claims.every((names) => names !== undefined)).toBe(true);
    release();
    await worker.stop();
  });
});
