import type { Job, JobQueue } from '@docent/domain';
import { ManualClock, makeJobSpec } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';

const retryable = { code: 'unavailable', message: 'Timed out.', retryable: true };
const STEP_MS = 250;

/** Moves the clock in small steps until a job is claimable; returns it and how long that took. */
const waitForClaim = async (queue: JobQueue, clock: ManualClock): Promise<{ job: Job; waitedMs: number }> => {
  let waitedMs = 0;
  for (let job = await queue.claim({ leaseMs: 60_000 }); ; job = await queue.claim({ leaseMs: 60_000 })) {
    if (job !== null) return { job, waitedMs };
    clock.advance(STEP_MS);
    waitedMs += STEP_MS;
  }
};

describe('SqliteJobQueue', () => {
  let temporary: TemporaryStore;
  const clock = new ManualClock();
  beforeEach(() => {
    temporary = openTemporaryStore({ clock, jobBackoff: { baseMs: 1_000, maxMs: 3_000 } });
  });
  afterEach(() => temporary.cleanup());

  it('backs off exponentially from baseMs, capped at maxMs, and dead-letters the last attempt', async () => {
    const queue = temporary.store.JobQueue;
    const { id } = await queue.enqueue(makeJobSpec({ maxAttempts: 5 }));
    let { job } = await waitForClaim(queue, clock);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(job).toMatchObject({ id, attempt });
      expect(await queue.fail(id, retryable)).toBe('retrying');
      const next = await waitForClaim(queue, clock);
      job = next.job;
      waits.push(next.waitedMs);
    }
    expect(waits).toEqual([1_000, 2_000, 3_000, 3_000]);
    expect(job).toMatchObject({ id, attempt: 5 });
    expect(await queue.fail(id, retryable)).toBe('dead');
  });

  it('gives a job without its own maxAttempts the store-wide default (DOCENT_JOB_MAX_ATTEMPTS)', async () => {
    const once = openTemporaryStore({ clock, jobMaxAttempts: 1 });
    try {
      const { id } = await once.store.JobQueue.enqueue(makeJobSpec());
      expect(await once.store.JobQueue.claim({ leaseMs: 60_000 })).toMatchObject({ id, maxAttempts: 1 });
      expect(await once.store.JobQueue.fail(id, retryable)).toBe('dead');
    } finally {
      once.cleanup();
    }
  });

  it('complete and fail of an unknown job are not_found', async () => {
    const queue = temporary.store.JobQueue;
    await expect(queue.complete('no-such-job')).rejects.toMatchObject({ code: 'not_found' });
    await expect(queue.fail('no-such-job', retryable)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a job claimed and never completed before the store closed is claimable after reopen + requeueRunning', async () => {
    const spec = makeJobSpec();
    const { id } = await temporary.store.JobQueue.enqueue(spec);
    expect(await temporary.store.JobQueue.claim({ leaseMs: 3_600_000 })).toMatchObject({ id, attempt: 1 });
    temporary.store.close();
    const queue = temporary.reopen().JobQueue;
    expect(await queue.claim({ leaseMs: 1000 })).toBeNull();
    expect(await queue.requeueRunning()).toBe(1);
    expect(await queue.claim({ leaseMs: 1000 })).toEqual({
      id,
      name: spec.name,
      key: spec.key,
      payload: spec.payload,
      attempt: 2,
      maxAttempts: 3,
    });
  });
});
