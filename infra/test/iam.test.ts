import { readFileSync } from 'node:fs';
import { TITAN_EMBED_TEXT_V2_MODEL_ID } from '@docent/adapters-aws/bedrock';
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../lib/compute/function-specs.ts';
import { bedrockModelArns, COGNITO_ACTIONS, EMBEDDING_MODEL_ID } from '../lib/compute/grants.ts';
import { functionRoleId, resourcesOf, synth, TEST_ENV } from './synth-template.ts';

const { template } = synth();

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const allStatements = (): { policy: string; statement: Statement }[] =>
  Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).flatMap(([policy, r]) =>
    (r.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ policy, statement })),
  );
const statementsOf = (functionName: string): Statement[] => {
  const role = functionRoleId(template, functionName);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((r) => r.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
};
const actionsOf = (functionName: string): string[] =>
  [...new Set(statementsOf(functionName).flatMap((s) => list(s.Action)))].sort();
const tableId = (name: string): string =>
  Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table')).find(([, t]) => t.Properties.TableName === name)?.[0] ??
  '';
const text = (value: unknown): string => JSON.stringify(value);
// What `grantSendMessages` and the worker's SQS event source grant on the jobs queue.
const SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const CONSUME = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

// X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions: AWS documents
// `Resource: "*"` as the only form (and CDK adds exactly that for Tracing.ACTIVE). Nothing else may use it.
const STAR_RESOURCE_ALLOWED = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

describe('IAM', () => {
  it('grants no wildcard action anywhere', () => {
    for (const { policy, statement } of allStatements()) {
      for (const action of list(statement.Action)) expect(action, policy).not.toMatch(/\*/);
    }
  });

  it('uses Resource "*" only for the X-Ray actions that require it', () => {
    const star = allStatements().filter(({ statement }) => list(statement.Resource).includes('*'));
    expect(star.length).toBe(FUNCTION_NAMES.length);
    for (const { statement } of star) {
      expect(list(statement.Action).every((action) => STAR_RESOURCE_ALLOWED.has(action))).toBe(true);
    }
  });

  it('gives each function only the actions its routes use', () => {
    const base = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    const expected = (actions: string[]) => [...base, ...actions].sort();
    expect(actionsOf('docent-dev-authorizer')).toEqual(expected([]));
    expect(actionsOf('docent-dev-auth')).toEqual(
      expected([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        ...COGNITO_ACTIONS,
      ]),
    );
    expect(actionsOf('docent-dev-documents')).toEqual(
      expected([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        's3:PutObject',
        's3:GetObject',
        's3:DeleteObject',
        's3:ListBucket',
        'aoss:APIAccessAll',
        ...SEND,
      ]),
    );
    expect(actionsOf('docent-dev-stream')).toEqual(actionsOf('docent-dev-query'));
    expect(actionsOf('docent-dev-query')).toEqual(
      expected([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        's3:GetObject',
        's3:ListBucket',
        'aoss:APIAccessAll',
        'bedrock:InvokeModel',
        'bedrock:InvokeModelWithResponseStream',
      ]),
    );
    // The S3 event checks the bytes, fails a document whose bytes fail a check, and enqueues the rest.
    expect(actionsOf('docent-dev-processing')).toEqual(
      expected([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        's3:GetObject',
        's3:DeleteObject',
        's3:ListBucket',
        'aoss:APIAccessAll',
        ...SEND,
      ]),
    );
    expect(actionsOf('docent-dev-worker')).toEqual(
      expected([
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        's3:GetObject',
        's3:PutObject',
        's3:DeleteObject',
        's3:ListBucket',
        'aoss:APIAccessAll',
        'bedrock:InvokeModel',
        ...CONSUME,
        'sqs:SendMessage',
      ]),
    );
    expect(actionsOf('docent-dev-sweeper')).toEqual(
      expected([
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        's3:GetObject',
        's3:DeleteObject',
        's3:ListBucket',
        'aoss:APIAccessAll',
        ...SEND,
      ]),
    );
  });

  it('scopes DynamoDB to named tables, adding index ARNs only to statements that Query', () => {
    const documents = tableId('docent-dev-documents');
    const statements = statementsOf('docent-dev-processing').filter((s) => text(s.Action).includes('dynamodb:'));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: { 'Fn::GetAtt': [documents, 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'],
        Resource: { 'Fn::GetAtt': [tableId('docent-dev-jobs'), 'Arn'] },
      },
    ]);
    const sweeperOnDocuments = statementsOf('docent-dev-sweeper').find((s) => text(s.Resource).includes(documents));
    expect(sweeperOnDocuments?.Resource).toContainEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [documents, 'Arn'] }, '/index/InFlightIndex']],
    });
    const authOnDocuments = statementsOf('docent-dev-auth').find((s) => text(s.Resource).includes(documents));
    expect(authOnDocuments?.Action).toBe('dynamodb:Query');
    expect(authOnDocuments?.Resource).toEqual([
      { 'Fn::GetAtt': [documents, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [documents, 'Arn'] }, '/index/UserUploadDateIndex']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [documents, 'Arn'] }, '/index/StatusIndex']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [documents, 'Arn'] }, '/index/InFlightIndex']] },
    ]);
  });

  it('scopes S3 object actions to the prefixes each function touches', () => {
    const prefixes = (functionName: string, action: string) =>
      statementsOf(functionName)
        .filter((s) => list(s.Action).includes(action))
        .map((s) => text(s.Resource).match(/"\/([a-z-]+\/\*)"/)?.[1])
        .sort();
    expect(prefixes('docent-dev-query', 's3:GetObject')).toEqual(['chunk-index/*', 'chunks/*']);
    expect(prefixes('docent-dev-stream', 's3:GetObject')).toEqual(['chunk-index/*', 'chunks/*']);
    expect(prefixes('docent-dev-worker', 's3:GetObject')).toEqual(['chunk-index/*', 'chunks/*', 'documents/*']);
    expect(prefixes('docent-dev-worker', 's3:PutObject')).toEqual(['chunk-index/*', 'chunks/*']);
    expect(prefixes('docent-dev-sweeper', 's3:GetObject')).toEqual(['chunk-index/*', 'chunks/*', 'documents/*']);
    expect(prefixes('docent-dev-sweeper', 's3:PutObject')).toEqual([]);
    expect(prefixes('docent-dev-processing', 's3:GetObject')).toEqual(['chunk-index/*', 'chunks/*', 'documents/*']);
    expect(prefixes('docent-dev-processing', 's3:PutObject')).toEqual([]);
    expect(prefixes('docent-dev-documents', 's3:PutObject')).toEqual(['documents/*']);
  });

  it('lets query and stream invoke the answer and embedding models and the worker only the embedding model', () => {
    const bedrock = (functionName: string) =>
      statementsOf(functionName).filter((s) => text(s.Action).includes('bedrock:'));
    const models = (statements: Statement[]) =>
      statements.flatMap((s) => list(s.Resource)).map((arn) => text(arn).match(/foundation-model\/([^"]+)/)?.[1]);
    expect(models(bedrock('docent-dev-query'))).toEqual([
      'anthropic.claude-3-haiku-20240307-v1:0',
      'amazon.titan-embed-text-v2:0',
    ]);
    expect(bedrock('docent-dev-stream')).toEqual(bedrock('docent-dev-query'));
    expect(models(bedrock('docent-dev-worker'))).toEqual(['amazon.titan-embed-text-v2:0']);
    expect(bedrock('docent-dev-processing')).toEqual([]);
    expect(text(bedrock('docent-dev-query'))).toContain(':bedrock:eu-west-1::foundation-model/');
  });

  it('grants the Cognito admin actions on the one user pool, to auth only', () => {
    const [pool] = Object.keys(resourcesOf(template, 'AWS::Cognito::UserPool'));
    expect(statementsOf('docent-dev-auth').filter((s) => text(s.Action).includes('cognito-idp:'))).toEqual([
      { Effect: 'Allow', Action: COGNITO_ACTIONS, Resource: { 'Fn::GetAtt': [pool, 'Arn'] } },
    ]);
    for (const name of ['documents', 'query', 'stream', 'processing', 'worker', 'sweeper', 'authorizer']) {
      expect(text(statementsOf(`docent-dev-${name}`))).not.toContain('cognito-idp:');
    }
  });
});

describe('COGNITO_ACTIONS', () => {
  it('cover exactly the IAM-authorised (Admin*) calls of the Cognito adapter', () => {
    const source = readFileSync(
      new URL('../../packages/adapters-aws/src/cognito/cognito-identity-provider.ts', import.meta.url),
      'utf8',
    );
    const adminCalls = [...source.matchAll(/new (Admin\w+)Command\(/g)].map((match) => `cognito-idp:${match[1]}`);
    expect(adminCalls.length).toBeGreaterThan(0);
    expect([...new Set(adminCalls)].sort()).toEqual([...COGNITO_ACTIONS].sort());
  });
});

describe('EMBEDDING_MODEL_ID', () => {
  it('is the model the Titan adapter invokes', () => {
    expect(EMBEDDING_MODEL_ID).toBe(TITAN_EMBED_TEXT_V2_MODEL_ID);
  });
});

describe('bedrockModelArns', () => {
  const stack = new Stack(undefined, 'ArnStack', { env: TEST_ENV });

  it('names a foundation model in the stack region', () => {
    expect(stack.resolve(bedrockModelArns(stack, 'amazon.titan-embed-text-v2:0'))).toEqual([
      {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0'],
        ],
      },
    ]);
  });

  it('names an inference profile and its model in every region the profile routes to', () => {
    const arns = stack.resolve(bedrockModelArns(stack, 'eu.anthropic.claude-3-haiku-20240307-v1:0'));
    expect(text(arns)).toContain(
      ':bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(text(arns)).toContain(':bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
    expect(arns).toHaveLength(2);
  });
});
