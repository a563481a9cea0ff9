import { DocentError, isDocentError } from '../errors.ts';
import type { Job, JobFailure, JobQueue } from '../ports/job-queue.ts';
import type { JobHandler } from './job-handler.ts';

/** Runner settings. */
export interface JobRunnerOptions {
  /** How long a claimed job is leased before another worker may take it over (default 15 minutes). */
  leaseMs?: number;
}

/** What became of one run: recorded as done, to be retried, given up, or stopped unrecorded. */
export type JobOutcome = 'done' | 'retrying' | 'dead' | 'aborted';

/** The failure recorded when a job keeps being claimed without ever finishing (its runs crash). */
export const CRASH_LOOP_FAILURE: JobFailure = {
  code: 'processing_failed',
  message: 'Processing stopped unexpectedly too many times.',
  retryable: false,
};

const toFailure = (error: unknown): JobFailure =>
  isDocentError(error)
    ? { code: error.code, message: error.message, retryable: error.retryable }
    : { code: 'internal_error', message: error instanceof Error ? error.message : String(error), retryable: true };

/**
 * Runs background jobs one at a time: claims the next due job, hands it to the one handler of its
 * name and records the outcome. It owns no timers; the composition root decides when to call
 * `runNext` (polling loops locally, one lane of job names each; `runJob` per event on Lambda).
 */
export class JobRunner {
  readonly #queue: JobQueue;
  readonly #handlers: ReadonlyMap<string, JobHandler>;
  readonly #leaseMs: number;

  /** Throws `internal_error` when two handlers claim the same job name: a wiring mistake. */
  constructor(deps: { queue: JobQueue; handlers: readonly JobHandler[] }, options: JobRunnerOptions = {}) {
    const handlers = new Map<string, JobHandler>();
    for (const handler of deps.handlers) {
      if (handlers.has(handler.name)) {
        throw new DocentError('internal_error', `Two handlers for job "${handler.name}"; there must be exactly one.`);
      }
      handlers.set(handler.name, handler);
    }
    this.#queue = deps.queue;
    this.#handlers = handlers;
    this.#leaseMs = options.leaseMs ?? 15 * 60 * 1000;
  }

  /**
   * Runs the next due job, of one of `names` when given (a worker lane); false when there was none.
   * Handler errors are recorded, not thrown.
   */
  async runNext(options: { names?: readonly string[] } = {}): Promise<boolean> {
    const { names } = options;
    const job = await this.#queue.claim(
      names === undefined ? { leaseMs: this.#leaseMs } : { leaseMs: this.#leaseMs, names },
    );
    if (job === null) return false;
    await this.runJob(job);
    return true;
  }

  /**
   * Runs a job already claimed from this runner's queue (a queue-driven worker receives its jobs
   * in an event instead of claiming them) and records the outcome. When `signal` aborts while the
   * handler runs, the run is `aborted` and nothing is recorded: the caller gives the job back to
   * the queue, and a later delivery runs it again (handlers are idempotent).
   */
  async runJob(job: Job, options: { signal?: AbortSignal } = {}): Promise<JobOutcome> {
    const handler = this.#handlers.get(job.name);
    if (handler === undefined) {
      return this.#queue.fail(job.id, {
        code: 'internal_error',
        message: `No handler for job "${job.name}".`,
        retryable: false,
      });
    }
    if (job.attempt > job.maxAttempts) {
      await this.#queue.fail(job.id, CRASH_LOOP_FAILURE);
      await handler.giveUp(job.payload, CRASH_LOOP_FAILURE);
      return 'dead';
    }
    const { signal } = options;
    try {
      await handler.run(job.payload, signal === undefined ? { job } : { job, signal });
    } catch (error) {
      if (signal?.aborted) return 'aborted';
      const failure = toFailure(error);
      const outcome = await this.#queue.fail(job.id, failure);
      if (outcome === 'dead') await handler.giveUp(job.payload, failure);
      return outcome;
    }
    await this.#queue.complete(job.id);
    return 'done';
  }
}
