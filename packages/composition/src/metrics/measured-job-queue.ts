import type { JobQueue, Metrics } from '@docent/domain';
import { intercept } from './intercept.ts';

/**
 * Counts how background job runs end, seen where the runner reports them to the queue: `done`,
 * or the failure's code with `retrying` / `dead` (given up, its document then marked failed).
 */
export const measuredJobQueue = (inner: JobQueue, metrics: Metrics): JobQueue =>
  intercept<JobQueue>(inner, {
    async complete(jobId) {
      await inner.complete(jobId);
      metrics.increment('jobsFinished', { outcome: 'done', code: 'none' });
    },
    async fail(jobId, failure) {
      const outcome = await inner.fail(jobId, failure);
      metrics.increment('jobsFinished', { outcome, code: failure.code });
      return outcome;
    },
  });
