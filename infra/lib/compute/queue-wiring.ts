import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionName } from './function-specs.ts';

/**
 * Functions that enqueue jobs and may only send: the S3 upload event, the API's documents routes
 * (upload, retry, reindex) and the sweeper. The worker only consumes.
 */
export const QUEUE_SENDERS: readonly FunctionName[] = ['processing', 'documents', 'sweeper'];

/**
 * Most worker instances at once: each runs one document, and ten keep Bedrock's embedding quota and
 * the collection's indexing capacity from being swamped by a bulk upload (the queue holds the rest).
 */
export const WORKER_MAX_CONCURRENCY = 10;

/**
 * Connects the job queue: the worker drains it one message per invocation (a document's processing
 * takes minutes, and a time-out then costs one job only), reporting failures per message
 * (`reportBatchItemFailures`, worker-handler.ts); the event source grants the worker the consume
 * actions. The worker also sends: a retry is a new, delayed message, and a given-up job goes to the
 * dead-letter queue with its failure (SqsJobQueue). The senders get `sqs:SendMessage` only.
 */
export const connectJobQueue = (
  functions: Record<FunctionName, LambdaFunction>,
  queues: { queue: IQueue; deadLetterQueue: IQueue },
): void => {
  const { queue, deadLetterQueue } = queues;
  functions.worker.addEventSource(
    new SqsEventSource(queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: WORKER_MAX_CONCURRENCY }),
  );
  for (const name of QUEUE_SENDERS) queue.grantSendMessages(functions[name]);
  queue.grantSendMessages(functions.worker);
  deadLetterQueue.grantSendMessages(functions.worker);
};
