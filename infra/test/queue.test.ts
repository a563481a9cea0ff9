import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS } from '../lib/queue/job-queue.ts';
import { functionId, queueId, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();

describe('job queue', () => {
  it('is one queue with a dead-letter queue after five deliveries, both encrypted', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    expect(MAX_RECEIVE_COUNT).toBe(5);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'docent-dev-jobs',
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [queueId(template, 'docent-dev-jobs-dlq'), 'Arn'] },
        maxReceiveCount: 5,
      },
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'docent-dev-jobs-dlq',
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
  });

  it('hides a delivered job for six times the worker timeout, per AWS guidance for Lambda event sources', () => {
    const worker = resourcesOf(template, 'AWS::Lambda::Function')[functionId(template, 'docent-dev-worker')];
    expect(VISIBILITY_TIMEOUT_SECONDS).toBe(worker?.Properties.Timeout * 6);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'docent-dev-jobs',
      VisibilityTimeout: 5400,
    });
  });

  it('refuses requests without TLS on both queues', () => {
    const policies = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'));
    const denied = policies.flatMap((policy) =>
      policy.Properties.PolicyDocument.Statement.filter(
        (statement: { Effect: string; Condition?: unknown }) =>
          statement.Effect === 'Deny' && JSON.stringify(statement.Condition).includes('aws:SecureTransport'),
      ),
    );
    expect(denied).toHaveLength(2);
  });

  it('feeds the worker one job per invocation, reporting failures per message, at most ten at once', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(template, 'docent-dev-worker') },
      EventSourceArn: { 'Fn::GetAtt': [queueId(template, 'docent-dev-jobs'), 'Arn'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it('keeps S3 upload events on the processing function, which now only enqueues', () => {
    const notifications = Object.values(resourcesOf(template, 'Custom::S3BucketNotifications'));
    const configurations = notifications.flatMap(
      (n) => n.Properties.NotificationConfiguration.LambdaFunctionConfigurations,
    );
    expect(configurations).toEqual([
      expect.objectContaining({
        Events: ['s3:ObjectCreated:*'],
        LambdaFunctionArn: { 'Fn::GetAtt': [functionId(template, 'docent-dev-processing'), 'Arn'] },
      }),
    ]);
  });
});

describe('sweeper schedule', () => {
  it('invokes the sweeper every 15 minutes without retries', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'docent-dev-sweeper',
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId(template, 'docent-dev-sweeper'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionId(template, 'docent-dev-sweeper'), 'Arn'] },
    });
  });
});
