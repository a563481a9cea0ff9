import { loadAwsConfig } from '@docent/lambda/aws-config';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../lib/compute/function-specs.ts';
import { functionId, PROD_CONTEXT, queueId, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const propertiesOf = (functionName: string) =>
  resourcesOf(template, 'AWS::Lambda::Function')[functionId(template, functionName)]?.Properties;
const assetOf = (functionName: string): string => propertiesOf(functionName).Code.S3Key;
const variablesOf = (name: string): Record<string, unknown> => propertiesOf(`docent-dev-${name}`).Environment.Variables;

describe('Lambda functions', () => {
  it('are the eight of the design, sized as specified, on Node.js 24 arm64', () => {
    const sizes = {
      auth: [512, 30],
      documents: [1024, 30],
      query: [1024, 30],
      stream: [1024, 900],
      processing: [512, 60],
      worker: [1024, 900],
      sweeper: [512, 300],
      authorizer: [256, 10],
    };
    expect(FUNCTION_NAMES).toEqual(Object.keys(sizes));
    for (const [name, [memory, timeout]] of Object.entries(sizes)) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `docent-dev-${name}`,
        MemorySize: memory,
        Timeout: timeout,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('run one bundle for the three API functions and one per other entry', () => {
    expect(assetOf('docent-dev-documents')).toBe(assetOf('docent-dev-auth'));
    expect(assetOf('docent-dev-query')).toBe(assetOf('docent-dev-auth'));
    const others = ['auth', 'stream', 'processing', 'worker', 'sweeper', 'authorizer'];
    const distinct = new Set(others.map((name) => assetOf(`docent-dev-${name}`)));
    expect(distinct.size).toBe(6);
  });

  it('name the tables, bucket, collection endpoint, user pool and job queues in their environment', () => {
    const tableRef = (name: string) => ({
      Ref: Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table')).find(
        ([, t]) => t.Properties.TableName === name,
      )?.[0],
    });
    const [bucket] = Object.keys(resourcesOf(template, 'AWS::S3::Bucket'));
    const [collection] = Object.keys(resourcesOf(template, 'AWS::OpenSearchServerless::Collection'));
    const [pool] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPool'));
    const queueRef = (name: string) => ({ Ref: queueId(template, name) });
    const [client] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    const userPool = { DOCENT_USER_POOL_ID: { Ref: pool }, DOCENT_USER_POOL_CLIENT_ID: { Ref: client } };
    for (const name of FUNCTION_NAMES) {
      expect(variablesOf(name)).toEqual({
        POWERTOOLS_SERVICE_NAME: `docent-dev-${name}`,
        NODE_OPTIONS: '--enable-source-maps',
        DOCENT_USERS_TABLE: tableRef('docent-dev-users'),
        DOCENT_LOGIN_ATTEMPTS_TABLE: tableRef('docent-dev-login-attempts'),
        DOCENT_DOCUMENTS_TABLE: tableRef('docent-dev-documents'),
        DOCENT_HISTORY_TABLE: tableRef('docent-dev-query-history'),
        DOCENT_BUCKET: { Ref: bucket },
        DOCENT_OPENSEARCH_ENDPOINT: { 'Fn::GetAtt': [collection, 'CollectionEndpoint'] },
        DOCENT_LLM_MODEL: 'anthropic.claude-3-haiku-20240307-v1:0',
        DOCENT_JOBS_QUEUE_URL: queueRef('docent-dev-jobs'),
        DOCENT_JOBS_DLQ_URL: queueRef('docent-dev-jobs-dlq'),
        DOCENT_JOBS_TABLE: tableRef('docent-dev-jobs'),
        ...userPool,
      });
    }
  });

  it('set exactly what the Lambda composition root accepts (it refuses unknown DOCENT_* names)', () => {
    // CloudFormation fills the references at deploy time; stand-ins of the right shape take their place.
    const deployed: Record<string, string> = {
      DOCENT_USERS_TABLE: 'docent-dev-users',
      DOCENT_LOGIN_ATTEMPTS_TABLE: 'docent-dev-login-attempts',
      DOCENT_DOCUMENTS_TABLE: 'docent-dev-documents',
      DOCENT_HISTORY_TABLE: 'docent-dev-query-history',
      DOCENT_BUCKET: 'docent-dev-documents-123456789012-eu-west-1',
      DOCENT_OPENSEARCH_ENDPOINT: 'https://abc123.eu-west-1.aoss.amazonaws.com',
      DOCENT_USER_POOL_ID: 'eu-west-1_AbCdEf123',
      DOCENT_USER_POOL_CLIENT_ID: '1example23456789',
      DOCENT_JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs',
      DOCENT_JOBS_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs-dlq',
      DOCENT_JOBS_TABLE: 'docent-dev-jobs',
    };
    for (const name of FUNCTION_NAMES) {
      const env = Object.fromEntries(
        Object.entries(variablesOf(name)).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : deployed[key],
        ]),
      );
      const config = loadAwsConfig({ AWS_REGION: 'eu-west-1', ...env });
      expect(config.storage).toMatchObject({ kind: 'aws', historyTable: 'docent-dev-query-history' });
      expect(config.llm).toEqual({ kind: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
    }
  });

  it('log to their own log groups, kept a week in dev and three months in prod', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', FUNCTION_NAMES.length);
    for (const name of FUNCTION_NAMES) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/docent-dev-${name}`,
        RetentionInDays: 7,
      });
    }
    synth(PROD_CONTEXT).template.allResourcesProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/lambda/docent-prod-'),
      RetentionInDays: 90,
    });
  });

  it('each have their own role without AWS managed policies', () => {
    const roles = new Set(FUNCTION_NAMES.map((name) => propertiesOf(`docent-dev-${name}`).Role['Fn::GetAtt'][0]));
    expect(roles.size).toBe(FUNCTION_NAMES.length);
    for (const role of roles) {
      const properties = resourcesOf(template, 'AWS::IAM::Role')[role]?.Properties;
      expect(properties.ManagedPolicyArns).toBeUndefined();
      expect(properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
    }
  });
});
