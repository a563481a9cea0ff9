import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { resourceName, type Stage } from '../stage-config.ts';

/**
 * How often the sweeper runs. A stuck document waits its lease or grace period (an hour or two, see
 * DOCENT_SWEEP_*), so a quarter of an hour adds little to that, at four cheap invocations an hour.
 */
export const SWEEP_INTERVAL_MINUTES = 15;

/** The EventBridge rule `docent-{stage}-sweeper` that invokes the sweeper function on a fixed rate. */
export class SweeperSchedule extends Construct {
  /** Creates the rule targeting `sweeper`. */
  constructor(scope: Construct, id: string, stage: Stage, sweeper: IFunction) {
    super(scope, id);
    new Rule(this, 'Rule', {
      ruleName: resourceName(stage, 'sweeper'),
      description: 'Runs the stuck-document sweeper',
      schedule: Schedule.rate(Duration.minutes(SWEEP_INTERVAL_MINUTES)),
      // A failed sweep is not retried: the next scheduled one redoes it (every step is idempotent).
      targets: [new LambdaFunction(sweeper, { retryAttempts: 0 })],
    });
  }
}
