import { DocentError, type Job, type JobSpec } from '@docent/domain';

/** The body of a job's SQS message: the job as enqueued, and how many of its runs failed before. */
export interface JobMessage {
  id: string;
  name: string;
  key: string;
  payload: Record<string, unknown>;
  maxAttempts: number;
  /** The fairness group, sent as the message group (fair queues). */
  group?: string;
  /** Runs that failed and were retried: a retry is a new message, whose receive count starts again. */
  failedRuns: number;
}

/** The message of a new job. */
export const newJobMessage = (id: string, spec: JobSpec): JobMessage => ({
  id,
  name: spec.name,
  key: spec.key,
  payload: spec.payload,
  maxAttempts: spec.maxAttempts ?? 3,
  ...(spec.group === undefined ? {} : { group: spec.group }),
  failedRuns: 0,
});

/** Reads a message body; throws `validation_failed` for one that is not a job (a stray message). */
export const parseJobMessage = (body: string | undefined): JobMessage => {
  let value: Partial<JobMessage>;
  try {
    value = JSON.parse(body ?? '') as Partial<JobMessage>;
  } catch {
    throw new DocentError('validation_failed', 'The queue message is not JSON.');
  }
  const { id, name, key, payload, maxAttempts, failedRuns } = value;
  if (
    typeof id !== 'string' ||
    typeof name !== 'string' ||
    typeof key !== 'string' ||
    typeof payload !== 'object' ||
    payload === null ||
    typeof maxAttempts !== 'number' ||
    typeof failedRuns !== 'number'
  ) {
    throw new DocentError('validation_failed', 'The queue message is not a job.');
  }
  return value as JobMessage;
};

/**
 * The job a delivery runs. Its attempt counts every run: the failed ones before this message, plus
 * this message's receives (a receive whose run crashed counts, as a lease that expired does).
 */
export const jobOf = (message: JobMessage, receiveCount: number): Job => ({
  id: message.id,
  name: message.name,
  key: message.key,
  payload: message.payload,
  attempt: message.failedRuns + Math.max(1, receiveCount),
  maxAttempts: message.maxAttempts,
});
