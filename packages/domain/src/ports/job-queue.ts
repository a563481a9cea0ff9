/** A job to enqueue. `key` makes enqueueing idempotent: content hash + stage version. */
export interface JobSpec {
  name: string;
  key: string;
  payload: Record<string, unknown>;
  /** Attempts before the job is given up (default 3). */
  maxAttempts?: number;
}

/** A claimed job. `attempt` counts this run, starting at 1; it may exceed `maxAttempts` after crashes. */
export interface Job {
  id: string;
  name: string;
  key: string;
  payload: Record<string, unknown>;
  attempt: number;
  maxAttempts: number;
}

/** A failed run: retryable failures are retried with backoff until attempts run out. */
export interface JobFailure {
  code: string;
  message: string;
  retryable: boolean;
}

/** A durable queue of background jobs with leases, so a crashed run is picked up again. */
export interface JobQueue {
  /** Adds a job unless one with the same key is queued, running or done; says which happened. */
  enqueue(spec: JobSpec): Promise<{ id: string; created: boolean }>;
  /** Takes the next due job (or one whose lease expired) and leases it for `leaseMs`. */
  claim(options: { leaseMs: number }): Promise<Job | null>;
  /** Marks a job done. */
  complete(jobId: string): Promise<void>;
  /** Records a failed run; returns `retrying` when it will run again, `dead` when given up. */
  fail(jobId: string, failure: JobFailure): Promise<'retrying' | 'dead'>;
  /** Makes every running job due again at once (start-up after a crash); returns how many. */
  requeueRunning(): Promise<number>;
}
