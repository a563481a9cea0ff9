import { InMemoryJobQueue } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { createWorld, TestClock } from '../../test-support/in-memory-world.ts';
import { DocentError } from '../errors.ts';
import type { JobFailure } from '../ports/job-queue.ts';
import type { JobHandler } from './job-handler.ts';
import { CRASH_LOOP_FAILURE, JobRunner } from './job-runner.ts';

/** A handler that records its calls and fails as scripted. */
const recordingHandler = (name: string, outcomes: Array<Error | undefined> = []) => {
  const runs: Array<Record<string, unknown>> = [];
  const givenUp: JobFailure[] = [];
  const handler: JobHandler = {
    name,
    async run(payload) {
      runs.push(payload);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
    },
    async giveUp(_payload, failure) {
      givenUp.push(failure);
    },
  };
  return { handler, runs, givenUp };
};

const setUp = (handlers: JobHandler[]) => {
  const clock = new TestClock();
  const queue = new InMemoryJobQueue({ clock, backoffBaseMs: 1000 });
  return { clock, queue, runner: new JobRunner({ queue, handlers }, { leaseMs: 60_000 }) };
};

describe('JobRunner', () => {
  it('refuses two handlers for one job name', () => {
    const a = recordingHandler('x').handler;
    expect(() => setUp([a, recordingHandler('x').handler])).toThrow(/exactly one/u);
  });

  it('runs the next due job with its handler and completes it', async () => {
    const { handler, runs } = recordingHandler('greet');
    const { queue, runner } = setUp([handler]);
    expect(await runner.runNext()).toBe(false);
    await queue.enqueue({ name: 'greet', key: 'k1', payload: { who: 'ada' } });
    expect(await runner.runNext()).toBe(true);
    expect(runs).toEqual([{ who: 'ada' }]);
    expect(await runner.runNext()).toBe(false);
    // Done jobs keep their key: enqueueing it again is a no-op.
    expect((await queue.enqueue({ name: 'greet', key: 'k1', payload: {} })).created).toBe(false);
  });

  it('retries a retryable failure after the backoff, then gives up when attempts run out', async () => {
    const transient = new DocentError('unavailable', 'busy', { retryable: true });
    const { handler, runs, givenUp } = recordingHandler('work', [transient, transient, transient]);
    const { clock, queue, runner } = setUp([handler]);
    await queue.enqueue({ name: 'work', key: 'k', payload: {}, maxAttempts: 3 });
    expect(await runner.runNext()).toBe(true);
    expect(await runner.runNext()).toBe(false);
    for (let i = 0; i < 2; i++) {
      clock.advance(10_000);
      expect(await runner.runNext()).toBe(true);
    }
    expect(runs).toHaveLength(3);
    expect(givenUp).toEqual([{ code: 'unavailable', message: 'busy', retryable: true }]);
  });

  it('gives up at once on a final failure, and treats foreign errors as retryable', async () => {
    const { handler, givenUp } = recordingHandler('work', [new Error('surprise'), new DocentError('conflict', 'no')]);
    const { clock, queue, runner } = setUp([handler]);
    await queue.enqueue({ name: 'work', key: 'k', payload: {} });
    await runner.runNext();
    expect(givenUp).toEqual([]);
    clock.advance(10_000);
    await runner.runNext();
    expect(givenUp).toEqual([{ code: 'conflict', message: 'no', retryable: false }]);
  });

  it('stops a crash loop: a job whose runs never finish is given up after maxAttempts', async () => {
    const { handler, givenUp } = recordingHandler('work');
    const { clock, queue, runner } = setUp([handler]);
    await queue.enqueue({ name: 'work', key: 'k', payload: { n: 1 }, maxAttempts: 2 });
    // Two workers claimed it and died: the lease ran out each time.
    for (let i = 0; i < 2; i++) {
      await queue.claim({ leaseMs: 1000 });
      clock.advance(2000);
    }
    expect(await runner.runNext()).toBe(true);
    expect(givenUp).toEqual([CRASH_LOOP_FAILURE]);
    clock.advance(3_600_000);
    expect(await runner.runNext()).toBe(false);
  });

  it('fails a job nobody handles instead of looping on it', async () => {
    const { queue, runner } = setUp([recordingHandler('known').handler]);
    await queue.enqueue({ name: 'unknown', key: 'k', payload: {} });
    expect(await runner.runNext()).toBe(true);
    expect(await runner.runNext()).toBe(false);
  });

  it('marks a document failed with processing_failed when its processing crash-loops', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'a.txt', 'Some text.');
    for (let i = 0; i < 3; i++) {
      await world.ports.jobs.claim({ leaseMs: 1000 });
      world.clock.advance(20 * 60 * 1000);
    }
    expect(await world.drainJobs()).toBe(1);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({
      status: 'failed',
      error: { code: 'processing_failed' },
    });
  });

  it('runJob runs a claimed job and reports the outcome; an aborted run is not recorded', async () => {
    const controller = new AbortController();
    const seen: Array<AbortSignal | undefined> = [];
    const handler: JobHandler = {
      name: 'work',
      async run(_payload, context) {
        seen.push(context.signal);
        controller.abort();
        context.signal?.throwIfAborted();
      },
      async giveUp() {
        throw new Error('an aborted run is not given up');
      },
    };
    const { queue, runner } = setUp([handler]);
    await queue.enqueue({ name: 'work', key: 'k', payload: {} });
    const job = await queue.claim({ leaseMs: 60_000 });
    if (job === null) throw new Error('the job is due');
    expect(await runner.runJob(job, { signal: controller.signal })).toBe('aborted');
    expect(seen).toEqual([controller.signal]);
    // Still running as far as the queue knows: nothing was completed or failed.
    expect(await queue.stats()).toEqual({ queued: 0, running: 1, dead: 0 });
    expect(await queue.requeueRunning()).toBe(1);
    const again = await queue.claim({ leaseMs: 60_000 });
    expect(again?.attempt).toBe(2);
    const { handler: done } = recordingHandler('work');
    const second = new JobRunner({ queue, handlers: [done] });
    expect(await second.runJob(again ?? job)).toBe('done');
    expect(await queue.stats()).toEqual({ queued: 0, running: 0, dead: 0 });
  });
});
