import { type JobOutcome, type JobRunner, TOKENS } from '@docent/domain';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { instrumented } from './invocation.ts';
import { JOB_DELIVERIES, type JobDeliveries } from './job-deliveries.ts';
import { lambdaContainer } from './lambda-container.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';

/** What the worker needs; the deployed handler takes both from the Lambda container. */
export interface WorkerHandlerDeps {
  worker: () => Promise<{ deliveries: JobDeliveries; runner: Pick<JobRunner, 'runJob'> }>;
  observability: Observability;
  /**
   * Time kept before the Lambda timeout (default 15 s): a job still running then is stopped and
   * given back to the queue, and records not started by then are left for redelivery, so the
   * function returns its partial batch response instead of being killed mid-write.
   */
  reserveMs?: number;
}

type RecordOutcome = JobOutcome | 'stale' | 'busy' | 'not started';

/**
 * The `worker` function: drains the job queue's SQS batches through the same `JobRunner` and job
 * handlers as the local server, one record after the other. The queue records each run's outcome
 * itself (done: deleted; retry: sent again delayed; given up: to the dead-letter queue), so those
 * records succeed. Failed records (`batchItemFailures`, with `ReportBatchItemFailures` on the event
 * source) are left on the queue for redelivery: a job stopped before the timeout, a job running
 * under another delivery, records not started in time, and records whose queue calls failed.
 */
export const createWorkerHandler =
  (deps: WorkerHandlerDeps) =>
  (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    instrumented(deps.observability, context, 'worker', async () => {
      const { logger } = deps.observability;
      const reserveMs = deps.reserveMs ?? 15_000;
      const { deliveries, runner } = await deps.worker();
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        let outcome: RecordOutcome;
        try {
          outcome = await runRecord(record, { deliveries, runner }, context, reserveMs);
        } catch (error) {
          logger.error('Job delivery failed', { messageId: record.messageId, error: asError(error) });
          batchItemFailures.push({ itemIdentifier: record.messageId });
          continue;
        }
        logger.info('Job delivery handled', { messageId: record.messageId, outcome });
        if (outcome === 'aborted' || outcome === 'busy' || outcome === 'not started') {
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });

const runRecord = async (
  record: SQSRecord,
  { deliveries, runner }: Awaited<ReturnType<WorkerHandlerDeps['worker']>>,
  context: Context,
  reserveMs: number,
): Promise<RecordOutcome> => {
  const budgetMs = context.getRemainingTimeInMillis() - reserveMs;
  if (budgetMs <= 0) return 'not started';
  const delivery = {
    body: record.body,
    receiptHandle: record.receiptHandle,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  };
  const job = await deliveries.take(delivery, { leaseMs: context.getRemainingTimeInMillis() });
  if (typeof job === 'string') return job;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error('The Lambda timeout is near.')), budgetMs);
  try {
    const outcome = await runner.runJob(job, { signal: stop.signal });
    // Stopped unrecorded: visible again at once, for the next delivery to start over.
    if (outcome === 'aborted') await deliveries.release(job.id);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
};

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/** The deployed handler (`worker` function), fed by the jobs queue's event source mapping. */
export const handler = createWorkerHandler({
  worker: async () => {
    const container = await lambdaContainer();
    return { deliveries: container.get(JOB_DELIVERIES), runner: container.get(TOKENS.JobRunner) };
  },
  observability: lambdaObservability,
});
