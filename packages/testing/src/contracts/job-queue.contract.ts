import type { Job, JobQueue, JobSpec } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../builders/manual-clock.ts';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a JobQueue adapter's test gives the contract: an empty queue reading time from `clock`. */
export interface JobQueueFixture extends Fixture {
  queue: JobQueue;
}

const MINUTE = 60_000;
// Longer than any sensible retry backoff, so a retrying job is surely due again after it.
const DAY = 24 * 60 * MINUTE;

/** A job spec with a unique key. */
export const makeJobSpec = (overrides: Partial<JobSpec> = {}): JobSpec => ({
  name: 'document.process',
  key: uniqueId('key'),
  payload: { documentId: uniqueId('doc'), options: { pages: [1, 2], force: false } },
  ...overrides,
});

const retryable = { code: 'unavailable', message: 'The embedder timed out.', retryable: true };

/** What a queue promises beyond the port's common ground. */
export interface JobQueueCapabilities {
  /**
   * `fair` (default): claims follow the port's exact order (due time, then groups with the fewest
   * running jobs, least recently served, size push-back). `best-effort`: the backend orders claims
   * itself and promises no exact order (SQS standard and fair queues); those cases are skipped,
   * every other case still holds.
   */
  order?: 'fair' | 'best-effort';
  /**
   * `true` (default): `claim` honours `names`. `false`: the backend cannot receive by name (SQS,
   * whose worker runs whatever it is delivered) and `claim` refuses `names` with `validation_failed`.
   */
  claimByName?: boolean;
}

/**
 * Registers the tests every JobQueue must pass. `setup` receives the clock the queue must read
 * time from (due times, leases, backoff) and must return an empty queue.
 */
export const describeJobQueueContract = (
  adapterName: string,
  setup: (clock: ManualClock) => Promise<JobQueueFixture>,
  capabilities: JobQueueCapabilities = {},
): void => {
  describe(`JobQueue contract: ${adapterName}`, () => {
    // Cases of the exact claim order run only where the queue promises it.
    const ordered = it.skipIf(capabilities.order === 'best-effort');
    const clock = new ManualClock();
    const fixture = useFixture(() => {
      clock.set('2024-01-01T00:00:00.000Z');
      return setup(clock);
    });

    const claimAll = async (queue: JobQueue): Promise<Job[]> => {
      const jobs: Job[] = [];
      for (
        let job = await queue.claim({ leaseMs: MINUTE });
        job !== null;
        job = await queue.claim({ leaseMs: MINUTE })
      ) {
        jobs.push(job);
        if (jobs.length > 1000) throw new Error('claim never ran dry');
      }
      return jobs;
    };

    it('claims an enqueued job with its spec, attempt 1 and the default of 3 attempts', async () => {
      const { queue } = fixture();
      const spec = makeJobSpec();
      const { id, created } = await queue.enqueue(spec);
      expect(created).toBe(true);
      const job = await queue.claim({ leaseMs: MINUTE });
      expect(job).toEqual({ id, name: spec.name, key: spec.key, payload: spec.payload, attempt: 1, maxAttempts: 3 });
      expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
    });

    it('enqueue is idempotent by key while the job is queued, running or done', async () => {
      const { queue } = fixture();
      const spec = makeJobSpec({ maxAttempts: 5 });
      const first = await queue.enqueue(spec);
      expect(await queue.enqueue({ ...spec, payload: { other: true } })).toEqual({ id: first.id, created: false });
      const job = await queue.claim({ leaseMs: MINUTE });
      expect(job?.maxAttempts).toBe(5);
      expect(await queue.enqueue(spec)).toEqual({ id: first.id, created: false });
      await queue.complete(first.id);
      expect(await queue.enqueue(spec)).toEqual({ id: first.id, created: false });
      clock.advance(DAY);
      expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
    });

    it('a dead job no longer blocks its key', async () => {
      const { queue } = fixture();
      const spec = makeJobSpec({ maxAttempts: 1 });
      const first = await queue.enqueue(spec);
      await queue.claim({ leaseMs: MINUTE });
      expect(await queue.fail(first.id, retryable)).toBe('dead');
      const again = await queue.enqueue(spec);
      expect(again.created).toBe(true);
      expect((await queue.claim({ leaseMs: MINUTE }))?.key).toBe(spec.key);
    });

    ordered('claims jobs in order of due time', async () => {
      const { queue } = fixture();
      const specs = [makeJobSpec(), makeJobSpec(), makeJobSpec()];
      for (const spec of specs) {
        await queue.enqueue(spec);
        clock.advance(10);
      }
      expect((await claimAll(queue)).map((job) => job.key)).toEqual(specs.map((spec) => spec.key));
    });

    it('a job is not claimed again while leased; after the lease expires it is, as the next attempt', async () => {
      const { queue } = fixture();
      const { id } = await queue.enqueue(makeJobSpec({ maxAttempts: 1 }));
      expect((await queue.claim({ leaseMs: 1000 }))?.attempt).toBe(1);
      clock.advance(999);
      expect(await queue.claim({ leaseMs: 1000 })).toBeNull();
      clock.advance(2);
      const reclaimed = await queue.claim({ leaseMs: 1000 });
      // A crashed run still counts, so attempts may exceed maxAttempts.
      expect(reclaimed).toMatchObject({ id, attempt: 2, maxAttempts: 1 });
    });

    it('a retryable failure is retried after a later due time, then dead once attempts run out', async () => {
      const { queue } = fixture();
      const spec = makeJobSpec({ maxAttempts: 3 });
      const { id } = await queue.enqueue(spec);
      for (let attempt = 1; attempt <= 2; attempt++) {
        expect(await queue.claim({ leaseMs: MINUTE })).toMatchObject({ id, attempt });
        expect(await queue.fail(id, retryable)).toBe('retrying');
        expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
        clock.advance(DAY);
      }
      expect(await queue.claim({ leaseMs: MINUTE })).toMatchObject({ id, attempt: 3 });
      expect(await queue.fail(id, retryable)).toBe('dead');
      clock.advance(DAY);
      expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
    });

    it('a job enqueued after a failure but due before its retry is claimed first', async () => {
      const { queue } = fixture();
      const failing = await queue.enqueue(makeJobSpec());
      await queue.claim({ leaseMs: MINUTE });
      await queue.fail(failing.id, retryable);
      clock.advance(1);
      const fresh = await queue.enqueue(makeJobSpec());
      expect((await queue.claim({ leaseMs: MINUTE }))?.id).toBe(fresh.id);
      await queue.complete(fresh.id);
      clock.advance(DAY);
      expect((await queue.claim({ leaseMs: MINUTE }))?.id).toBe(failing.id);
    });

    it('a non-retryable failure is dead at once', async () => {
      const { queue } = fixture();
      const { id } = await queue.enqueue(makeJobSpec({ maxAttempts: 5 }));
      await queue.claim({ leaseMs: MINUTE });
      expect(await queue.fail(id, { code: 'encrypted_pdf', message: 'Encrypted.', retryable: false })).toBe('dead');
      clock.advance(DAY);
      expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
    });

    it('a completed job is never claimed again', async () => {
      const { queue } = fixture();
      const { id } = await queue.enqueue(makeJobSpec());
      await queue.claim({ leaseMs: 1000 });
      await queue.complete(id);
      clock.advance(DAY);
      expect(await queue.claim({ leaseMs: 1000 })).toBeNull();
    });

    it('requeueRunning makes running jobs due at once and says how many', async () => {
      const { queue } = fixture();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await queue.enqueue(makeJobSpec())).id);
      const running = [await queue.claim({ leaseMs: DAY }), await queue.claim({ leaseMs: DAY })];
      expect(await queue.requeueRunning()).toBe(2);
      const claimed = await claimAll(queue);
      expect(claimed.map((job) => job.id).sort()).toEqual([...ids].sort());
      for (const job of claimed) {
        expect(job.attempt).toBe(running.some((run) => run?.id === job.id) ? 2 : 1);
      }
      expect(await queue.requeueRunning()).toBe(3);
    });

    /** Claims the next job, completes it and returns its key. */
    const runNext = async (queue: JobQueue): Promise<string | undefined> => {
      const job = await queue.claim({ leaseMs: MINUTE });
      if (job !== null) await queue.complete(job.id);
      return job?.key;
    };

    ordered('serves groups round robin: a backlog of one owner does not hold up another', async () => {
      const { queue } = fixture();
      const a = [makeJobSpec({ group: 'ann' }), makeJobSpec({ group: 'ann' }), makeJobSpec({ group: 'ann' })];
      const b = [makeJobSpec({ group: 'bob' }), makeJobSpec({ group: 'bob' })];
      for (const spec of [...a, ...b]) {
        await queue.enqueue(spec);
        clock.advance(10);
      }
      const order = [];
      for (let key = await runNext(queue); key !== undefined; key = await runNext(queue)) order.push(key);
      expect(order).toEqual([a[0], b[0], a[1], b[1], a[2]].map((spec) => spec?.key));
    });

    ordered('serves the group with the fewest running jobs first, even if it was served more recently', async () => {
      const { queue } = fixture();
      const [b1, b2, a1, a2] = [
        makeJobSpec({ group: 'bob' }),
        makeJobSpec({ group: 'bob' }),
        makeJobSpec({ group: 'ann' }),
        makeJobSpec({ group: 'ann' }),
      ];
      for (const spec of [b1, b2, a1, a2]) {
        await queue.enqueue(spec as JobSpec);
        clock.advance(10);
      }
      expect((await queue.claim({ leaseMs: DAY }))?.key).toBe(b1?.key);
      // Ann's job is served and done; Bob's first job is still running, so Ann goes again.
      expect(await runNext(queue)).toBe(a1?.key);
      expect(await runNext(queue)).toBe(a2?.key);
      expect(await runNext(queue)).toBe(b2?.key);
    });

    ordered('a running job whose lease expired no longer counts against its group', async () => {
      const { queue } = fixture();
      const [stale, a1, a2] = [
        makeJobSpec({ group: 'bob' }),
        makeJobSpec({ group: 'ann' }),
        makeJobSpec({ group: 'ann' }),
      ];
      await queue.enqueue(stale);
      await queue.claim({ leaseMs: 1000 });
      await queue.enqueue(a1);
      await queue.enqueue(a2);
      expect(await runNext(queue)).toBe(a1.key);
      clock.advance(2000);
      // Bob's worker died: his job is claimable again and Bob, served longer ago, goes before Ann.
      expect(await runNext(queue)).toBe(stale.key);
      expect(await runNext(queue)).toBe(a2.key);
    });

    ordered('within a group, a small job enqueued soon after a big one goes first', async () => {
      const { queue } = fixture();
      const big = makeJobSpec({ group: 'ann', sizeBytes: 20 * 1024 * 1024 });
      const small = makeJobSpec({ group: 'ann', sizeBytes: 46 });
      await queue.enqueue(big);
      clock.advance(MINUTE);
      await queue.enqueue(small);
      expect(await runNext(queue)).toBe(small.key);
      expect(await runNext(queue)).toBe(big.key);
    });

    ordered('a big job waits behind later small ones for a bounded time only', async () => {
      const { queue } = fixture();
      const big = makeJobSpec({ group: 'ann', sizeBytes: 20 * 1024 * 1024 });
      await queue.enqueue(big);
      clock.advance(11 * MINUTE);
      const small = makeJobSpec({ group: 'ann', sizeBytes: 46 });
      await queue.enqueue(small);
      expect(await runNext(queue)).toBe(big.key);
      expect(await runNext(queue)).toBe(small.key);
    });

    it('refuses a negative or non-finite size', async () => {
      const { queue } = fixture();
      for (const sizeBytes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(queue.enqueue(makeJobSpec({ sizeBytes }))).rejects.toMatchObject({ code: 'validation_failed' });
      }
      expect(await queue.stats()).toEqual({ queued: 0, running: 0, dead: 0 });
    });

    it.skipIf(capabilities.claimByName === false)(
      'claim with names takes only jobs of those names; the others stay due',
      async () => {
        const { queue } = fixture();
        const first = makeJobSpec({ name: 'document.process' });
        const slow = makeJobSpec({ name: 'document.embed' });
        const second = makeJobSpec({ name: 'document.process' });
        for (const spec of [first, slow, second]) {
          await queue.enqueue(spec);
          clock.advance(10);
        }
        const embed = await queue.claim({ leaseMs: MINUTE, names: ['document.embed'] });
        expect(embed?.key).toBe(slow.key);
        expect(await queue.claim({ leaseMs: MINUTE, names: ['document.embed', 'other'] })).toBeNull();
        expect(await queue.claim({ leaseMs: MINUTE, names: [] })).toBeNull();
        const picked = [await queue.claim({ leaseMs: MINUTE, names: ['document.process'] })];
        picked.push(await queue.claim({ leaseMs: MINUTE }));
        expect(picked.map((job) => job?.key).sort()).toEqual([first.key, second.key].sort());
        expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
      },
    );

    it.skipIf(capabilities.claimByName !== false)('refuses to claim by name', async () => {
      const { queue } = fixture();
      await queue.enqueue(makeJobSpec());
      await expect(queue.claim({ leaseMs: MINUTE, names: ['document.process'] })).rejects.toMatchObject({
        code: 'validation_failed',
      });
      expect((await queue.claim({ leaseMs: MINUTE }))?.name).toBe('document.process');
    });

    it('stats counts queued (retries included), running and dead jobs; done jobs are not counted', async () => {
      const { queue } = fixture();
      expect(await queue.stats()).toEqual({ queued: 0, running: 0, dead: 0 });
      for (let i = 0; i < 5; i++) {
        await queue.enqueue(makeJobSpec({ maxAttempts: 2 }));
        clock.advance(10);
      }
      expect(await runNext(queue)).toBeDefined();
      const dead = await queue.claim({ leaseMs: MINUTE });
      await queue.fail(dead?.id ?? '', { code: 'encrypted_pdf', message: 'Encrypted.', retryable: false });
      const retrying = await queue.claim({ leaseMs: MINUTE });
      expect(await queue.fail(retrying?.id ?? '', retryable)).toBe('retrying');
      await queue.claim({ leaseMs: MINUTE });
      expect(await queue.stats()).toEqual({ queued: 2, running: 1, dead: 1 });
    });

    it('property: each distinct key becomes exactly one claimable job', async () => {
      const { queue } = fixture();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 20 }), async (keyIndexes) => {
          const keys = Array.from({ length: 7 }, () => uniqueId('key'));
          let created = 0;
          for (const index of keyIndexes) {
            if ((await queue.enqueue(makeJobSpec({ key: keys[index] }))).created) created += 1;
          }
          const distinct = new Set(keyIndexes.map((index) => keys[index]));
          expect(created).toBe(distinct.size);
          const claimed = await claimAll(queue);
          expect(claimed.map((job) => job.key).sort()).toEqual([...distinct].sort());
          for (const job of claimed) await queue.complete(job.id);
        }),
        { numRuns: 25 },
      );
    });
  });
};
