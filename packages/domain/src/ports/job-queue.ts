/** A job to enqueue. `key` makes enqueueing idempotent: content hash + stage version. */
export interface JobSpec {
  name: string;
  key: string;
  payload: Record<string, unknown>;
  /** Attempts before the job is given up (default 3). */
  maxAttempts?: number;
  /**
   * Fairness group, e.g. the document's owner (default: one shared group). Groups are served round
   * robin, so one group's backlog never holds up another group's jobs.
   */
  group?: string;
  /**
   * Rough cost of the job in bytes, e.g. the uploaded file's size (default 0). Within a group a big
   * job lets smaller ones that arrive soon after it go first, for a bounded time (see `sizeDelayMs`).
   */
  sizeBytes?: number;
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

/** How many jobs are in each live or given-up state, for queue-depth metrics. */
export interface JobQueueStats {
  /** Waiting to run, including jobs waiting for a retry. */
  queued: number;
  /** Claimed and not yet completed or failed (a crashed worker's job counts until it is requeued). */
  running: number;
  /** Given up: attempts ran out or the failure was final. */
  dead: number;
}

/** What `claim` takes. */
export interface ClaimOptions {
  /** How long the claimed job is leased to the caller, in milliseconds. */
  leaseMs: number;
  /**
   * Only jobs with one of these names (default: any). A worker gives short and long jobs loops of
   * their own with it, so short ones never wait behind long ones. Fair order holds among them; a
   * group's running jobs of every name count. A queue whose backend cannot filter (SQS, where the
   * worker runs whatever it is delivered) refuses it with `validation_failed`.
   */
  names?: readonly string[];
}

/** A durable queue of background jobs with leases, so a crashed run is picked up again. */
export interface JobQueue {
  /** Adds a job unless one with the same key is queued, running or done; says which happened. */
  enqueue(spec: JobSpec): Promise<{ id: string; created: boolean }>;
  /**
   * Takes the next due job (or one whose lease expired) and leases it for `leaseMs`. Fair order:
   * the group with the fewest running jobs, then the group served least recently, then within the
   * group the job earliest due once pushed back by its size (`sizeDelayMs`, bounded).
   */
  claim(options: ClaimOptions): Promise<Job | null>;
  /** Marks a job done. */
  complete(jobId: string): Promise<void>;
  /** Records a failed run; returns `retrying` when it will run again, `dead` when given up. */
  fail(jobId: string, failure: JobFailure): Promise<'retrying' | 'dead'>;
  /** Makes every running job due again at once (start-up after a crash); returns how many. */
  requeueRunning(): Promise<number>;
  /** Counts of queued, running and dead jobs. */
  stats(): Promise<JobQueueStats>;
}
