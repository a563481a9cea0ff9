/**
 * The size part of fair job order, shared by every JobQueue adapter so they agree. Within one
 * fairness group a job is ordered as if it became due later by one minute per MiB of its size, at
 * most ten minutes later: a 46-byte file uploaded just after a 20 MB one goes first, yet a big job
 * never waits more than ten minutes behind smaller ones that keep arriving after it.
 */
export const FAIR_ORDER = {
  /** Push-back per MiB of size, in milliseconds. */
  msPerMib: 60_000,
  /** The longest push-back, in milliseconds. */
  maxDelayMs: 10 * 60_000,
} as const;

const MIB = 1024 * 1024;

/** The group used for jobs enqueued without one. */
export const DEFAULT_JOB_GROUP = '';

/**
 * How much later than its due time a job of `sizeBytes` counts for ordering within its group. Whole
 * milliseconds (integer arithmetic), so a SQL adapter can compute exactly the same number.
 */
export const sizeDelayMs = (sizeBytes: number): number =>
  Math.min(FAIR_ORDER.maxDelayMs, Math.floor((Math.max(0, Math.floor(sizeBytes)) * FAIR_ORDER.msPerMib) / MIB));
