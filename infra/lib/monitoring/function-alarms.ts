import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FUNCTION_SPECS, type FunctionName } from '../compute/function-specs.ts';
import { resourceName, type Stage } from '../stage-config.ts';

/** Errors summed over 5 minutes above this, twice in a row, raise the errors alarm. */
export const ERROR_THRESHOLD = 10;
/** Average duration above this (ms) raises the duration alarm of a request-serving function. */
export const DURATION_THRESHOLD_MS = 5000;
// The worker and the sweeper run for minutes by design: their alarm means "close to timing out".
const LONG_RUNNING_SHARE = 0.8;
const LONG_RUNNING: ReadonlySet<FunctionName> = new Set(['worker', 'sweeper']);

/** The average-duration threshold of a function, in ms. */
export const durationThresholdMs = (name: FunctionName): number =>
  LONG_RUNNING.has(name) ? FUNCTION_SPECS[name].timeoutSeconds * 1000 * LONG_RUNNING_SHARE : DURATION_THRESHOLD_MS;

/** An errors alarm and a duration alarm per function, both notifying `topic` when it is given. */
export class FunctionAlarms extends Construct {
  /** Creates the alarms of every function in `functions`. */
  constructor(
    scope: Construct,
    id: string,
    stage: Stage,
    functions: Record<FunctionName, IFunction>,
    topic: ITopic | undefined,
  ) {
    super(scope, id);
    const period = Duration.minutes(5);
    for (const [name, fn] of Object.entries(functions) as [FunctionName, IFunction][]) {
      const errors = new Alarm(this, `${name}-errors`, {
        alarmName: resourceName(stage, `${name}-errors`),
        alarmDescription: `More than ${ERROR_THRESHOLD} errors in 5 minutes, twice in a row`,
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: ERROR_THRESHOLD,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      const duration = new Alarm(this, `${name}-duration`, {
        alarmName: resourceName(stage, `${name}-duration`),
        alarmDescription: `Average duration above ${durationThresholdMs(name)} ms over 5 minutes`,
        metric: fn.metricDuration({ period, statistic: 'Average' }),
        threshold: durationThresholdMs(name),
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (topic !== undefined) {
        for (const alarm of [errors, duration]) alarm.addAlarmAction(new SnsAction(topic));
      }
    }
  }
}
