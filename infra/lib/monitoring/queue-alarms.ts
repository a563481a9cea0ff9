import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { resourceName, type Stage } from '../stage-config.ts';

/**
 * The oldest waiting job's age (seconds) that raises the backlog alarm: processing a document takes
 * minutes, so a job waiting half an hour means the worker is failing, throttled or far behind.
 */
export const OLDEST_JOB_AGE_SECONDS = 30 * 60;

/**
 * The job queue's alarms: any message in the dead-letter queue (a job that failed every delivery:
 * look at it, then redrive it or let the sweeper settle its document), and a backlog whose oldest
 * message is older than {@link OLDEST_JOB_AGE_SECONDS}. Both notify `topic` when it is given.
 */
export class QueueAlarms extends Construct {
  /** Creates both alarms. */
  constructor(
    scope: Construct,
    id: string,
    stage: Stage,
    queues: { queue: IQueue; deadLetterQueue: IQueue },
    topic: ITopic | undefined,
  ) {
    super(scope, id);
    const period = Duration.minutes(5);
    const deadLetters = new Alarm(this, 'DeadLetters', {
      alarmName: resourceName(stage, 'jobs-dead-letters'),
      alarmDescription: 'Jobs in the dead-letter queue: they failed every delivery',
      metric: queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const backlog = new Alarm(this, 'OldestJob', {
      alarmName: resourceName(stage, 'jobs-oldest-age'),
      alarmDescription: `The oldest queued job has waited more than ${OLDEST_JOB_AGE_SECONDS / 60} minutes`,
      metric: queues.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
      threshold: OLDEST_JOB_AGE_SECONDS,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (topic !== undefined) {
      for (const alarm of [deadLetters, backlog]) alarm.addAlarmAction(new SnsAction(topic));
    }
  }
}
