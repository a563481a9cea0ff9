import { type ProcessUploadedDocumentUseCase, TOKENS, type UploadedDocumentOutcome } from '@docent/domain';
import type { Context, S3Event } from 'aws-lambda';
import { loadAwsConfig } from './aws-config.ts';
import { instrumented } from './invocation.ts';
import { lambdaContainer } from './lambda-container.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';
import { s3Targets } from './s3-event.ts';

/** What one S3 event came to: records per outcome, and the records that failed (by object key). */
export interface ProcessingSummary extends Record<UploadedDocumentOutcome, number> {
  /** Records outside `documents/{userId}/{documentId}`, or not object creations. */
  ignored: number;
  /** Shaped like SQS partial-batch responses, so dashboards and tests read both alike. */
  batchItemFailures: { itemIdentifier: string }[];
}

/** What the handler needs; the default export wires the Lambda container. */
export interface ProcessingHandlerDeps {
  processUploaded: () => Promise<ProcessUploadedDocumentUseCase>;
  /**
   * Runs the queued jobs in this function when no worker drains the queue (`DOCENT_STORAGE=memory`:
   * the queue lives in this instance's memory); returns how many ran (0 on AWS).
   */
  drain?: () => Promise<number>;
  observability: Observability;
}

/**
 * The S3 ObjectCreated handler: each record under `documents/{userId}/{documentId}` is verified
 * and its `document.process` job enqueued (see `ProcessUploadedDocument`), which the worker function
 * runs; other keys are ignored.
 *
 * Failure handling. S3 invokes Lambda asynchronously, and an asynchronous invocation has no
 * partial-batch protocol: the returned value is discarded, and only a thrown error makes Lambda
 * retry (twice, then the failure destination). So a record that fails is logged, counted and
 * listed in the returned summary, and its document is left `failed` (the owner can retry it),
 * while the other records of the event keep their results. Only when every record that named a
 * document failed does the handler throw: nothing succeeded, so a retry repeats no finished work,
 * and a transient outage (throttling, an unreachable dependency) gets Lambda's retries. S3 puts
 * one record in each event in practice, where this is simply "retry a failed record".
 */
export const createProcessingHandler =
  (deps: ProcessingHandlerDeps) =>
  (event: S3Event, context: Context): Promise<ProcessingSummary> =>
    instrumented(deps.observability, context, 'processing', async () => {
      const { logger, metrics } = deps.observability;
      const summary: ProcessingSummary = {
        queued: 0,
        unchanged: 0,
        rejected: 0,
        missing: 0,
        ignored: 0,
        batchItemFailures: [],
      };
      const errors: unknown[] = [];
      let attempted = 0;
      for (const target of s3Targets(event)) {
        if (target.kind === 'ignored') {
          summary.ignored += 1;
          logger.info('Ignored an S3 record', { key: target.key, reason: target.reason });
          continue;
        }
        attempted += 1;
        try {
          const process = await deps.processUploaded();
          const { outcome, document } = await process.execute(target);
          summary[outcome] += 1;
          const details = { key: target.key, outcome, status: document?.status, reason: document?.error?.code };
          if (document?.status === 'failed') logger.warn('Document not processed', details);
          else logger.info('Document handled', details);
        } catch (error) {
          errors.push(error);
          summary.batchItemFailures.push({ itemIdentifier: target.key });
          logger.error('Document processing failed', { key: target.key, error: asError(error) });
        }
      }
      // Ready and failed documents are counted by the business metrics (DocumentsProcessed, DocumentsFailed).
      metrics.documentProcessingErrors(errors.length);
      const ran = (await deps.drain?.()) ?? 0;
      if (ran > 0) logger.info('Ran the queued jobs in-process', { jobs: ran });
      if (attempted > 0 && errors.length === attempted) {
        throw new AggregateError(errors, `All ${attempted} uploaded document(s) of the event failed to process.`);
      }
      return summary;
    });

const asError = (value: unknown): Error => (value instanceof Error ? value : new Error(String(value)));

/** The deployed handler (`processing` function): one use case per container. */
export const handler = createProcessingHandler({
  processUploaded: async () => (await lambdaContainer()).get(TOKENS.ProcessUploadedDocument),
  drain: async () => {
    // On AWS the worker function drains the SQS queue.
    if (loadAwsConfig(process.env).storage.kind === 'aws') return 0;
    const runner = (await lambdaContainer()).get(TOKENS.JobRunner);
    let ran = 0;
    while (await runner.runNext()) ran += 1;
    return ran;
  },
  observability: lambdaObservability,
});
