import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_SPECS } from '../compute/function-specs.ts';
import { resourceName, type Stage } from '../stage-config.ts';

/**
 * Deliveries of one message before SQS moves it to the dead-letter queue. A job that keeps failing is
 * given up by the JobRunner itself (its attempts are counted); these deliveries cover a worker killed
 * by its time limit, which records nothing. Five is above the runner's default three attempts, so a
 * crash loop is seen by the runner first (attempt 4 marks the document `failed` with a reason); the
 * redrive is the safety net, and the sweeper picks up a document whose message went there.
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * AWS's guidance for an SQS event source: a visibility timeout of at least six times the function's
 * timeout, so a message is not delivered again while a throttled or retried batch still holds it.
 */
export const VISIBILITY_TIMEOUT_SECONDS = FUNCTION_SPECS.worker.timeoutSeconds * 6;

/**
 * The job queue of the pipeline: `docent-{stage}-jobs`, drained by the worker function, with a
 * dead-letter queue (`docent-{stage}-jobs-dlq`) after {@link MAX_RECEIVE_COUNT} deliveries. Both are
 * encrypted with SQS-managed keys and refuse plain HTTP. Messages carry ids only; losing the queue
 * with the stack loses nothing the sweeper cannot re-create, so it is not retained.
 */
export class DocentJobQueue extends Construct {
  /** `docent-{stage}-jobs`. */
  readonly queue: Queue;
  /** `docent-{stage}-jobs-dlq`: messages delivered {@link MAX_RECEIVE_COUNT} times; kept 14 days. */
  readonly deadLetterQueue: Queue;

  /** Creates both queues for `stage`. */
  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: resourceName(stage, 'jobs-dlq'),
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.queue = new Queue(this, 'Jobs', {
      queueName: resourceName(stage, 'jobs'),
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_SECONDS),
      // Longer than the DLQ's redrive path needs: a backlog survives a long outage of the worker.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
