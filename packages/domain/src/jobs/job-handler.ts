import type { Job, JobFailure } from '../ports/job-queue.ts';

/** What a handler learns about the run besides its payload. */
export interface JobContext {
  job: Job;
  /**
   * Aborts when the run must stop before it finishes (a Lambda about to time out): the handler
   * stops at its next safe point by throwing; the job is then given back to the queue unrecorded.
   */
  signal?: AbortSignal;
}

/** The one handler of a job name. */
export interface JobHandler {
  /** The job name it handles, e.g. `document.process`. */
  readonly name: string;
  /**
   * Does the work. Returning means done; throwing means this run failed (retried when the error
   * is retryable and attempts remain). It must be idempotent: a crashed run is run again.
   */
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  /** Called once when the job will not run again, to leave its subject in a final state. */
  giveUp(payload: Record<string, unknown>, failure: JobFailure): Promise<void>;
}
