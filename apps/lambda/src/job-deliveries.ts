import type { Job, Token } from '@docent/domain';

/** One SQS message as the worker's event carries it. */
export interface JobDelivery {
  body: string | undefined;
  receiptHandle: string;
  /** How many times SQS delivered the message, this time included. */
  receiveCount: number;
}

/**
 * The queue as the worker Lambda sees it: its jobs arrive in the event (Lambda received them),
 * so it takes them from there instead of claiming. `SqsJobQueue` is one.
 */
export interface JobDeliveries {
  /** The job to run; `stale` (finished or given up: nothing to do) or `busy` (running elsewhere). */
  take(delivery: JobDelivery, options: { leaseMs: number }): Promise<Job | 'stale' | 'busy'>;
  /** Gives a job this worker took back to the queue at once, unrecorded (its run was stopped). */
  release(jobId: string): Promise<void>;
}

/** Where the Lambda container keeps the queue's delivery side (bound only with `DOCENT_STORAGE=aws`). */
export const JOB_DELIVERIES = Symbol.for('docent.lambda.JobDeliveries') as Token<JobDeliveries>;
