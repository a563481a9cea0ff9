import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../lib/compute/function-specs.ts';
import { functionId, queueId, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const [topic] = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'));
/** Two per function, plus the job queue's dead-letter and backlog alarms. */
const ALARM_COUNT = FUNCTION_NAMES.length * 2 + 2;

describe('CloudWatch alarms', () => {
  it('watch errors and duration of every function, and the job queue', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', ALARM_COUNT);
  });

  it('raise the dead-letter alarm at the first job in the DLQ', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'docent-dev-jobs-dead-letters',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(template, 'docent-dev-jobs-dlq'), 'QueueName'] } },
      ],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 0,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: topic }],
    });
  });

  it('raise the backlog alarm when the oldest queued job has waited over 30 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'docent-dev-jobs-oldest-age',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(template, 'docent-dev-jobs'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1800,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: topic }],
    });
  });

  it('raise an errors alarm at more than 10 errors in 5 minutes, twice in a row', () => {
    for (const name of FUNCTION_NAMES) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `docent-dev-${name}-errors`,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(template, `docent-dev-${name}`) } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 10,
        EvaluationPeriods: 2,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topic }],
      });
    }
  });

  it('raise a duration alarm at an average above 5 s, or near the timeout for the worker and sweeper', () => {
    const thresholds: Record<string, number> = { worker: 720_000, sweeper: 240_000 };
    for (const name of FUNCTION_NAMES) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `docent-dev-${name}-duration`,
        MetricName: 'Duration',
        Statistic: 'Average',
        Period: 300,
        Threshold: thresholds[name] ?? 5000,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: topic }],
      });
    }
  });

  it('notify the alert email through a stage topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'docent-dev-alerts' });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topic },
    });
  });
});

describe('monthly budget', () => {
  it('is 100 USD a month and emails at 80 % of actual spend', () => {
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'docent-dev-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 100, Unit: 'USD' },
      },
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 80,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }],
        },
      ],
    });
  });

  it('takes another amount from context', () => {
    synth({ stage: 'dev', alertEmail: 'ops@example.com', budgetUsd: '250' }).template.hasResourceProperties(
      'AWS::Budgets::Budget',
      { Budget: Match.objectLike({ BudgetLimit: { Amount: 250, Unit: 'USD' } }) },
    );
  });

  it('is left out, with a warning, when dev has no alert email; the alarms stay without actions', () => {
    const { stack, template: bare } = synth({ stage: 'dev' });
    bare.resourceCountIs('AWS::Budgets::Budget', 0);
    bare.resourceCountIs('AWS::SNS::Topic', 0);
    bare.resourceCountIs('AWS::CloudWatch::Alarm', ALARM_COUNT);
    bare.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('No alertEmail'));
    expect(warnings).toHaveLength(1);
  });
});
