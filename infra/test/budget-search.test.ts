import { NON_FILTERABLE_METADATA_KEYS } from '@docent/adapters-aws/s3vectors';
import { loadAwsConfig } from '@docent/lambda/aws-config';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../lib/compute/function-specs.ts';
import { LEXICAL_ACCESS, VECTOR_ACCESS, VECTOR_INDEX } from '../lib/search/budget-search.ts';
import { readStageConfig, StageConfigError } from '../lib/stage-config.ts';
import { DEV_CONTEXT, functionId, functionRoleId, resourcesOf, synth, TEST_ENV } from './synth-template.ts';

const BUDGET_CONTEXT = { ...DEV_CONTEXT, searchBackend: 'budget' };
const { template } = synth(BUDGET_CONTEXT);

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const statementsOf = (functionName: string): Statement[] => {
  const role = functionRoleId(template, functionName);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((r) => r.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
};
const [indexId] = Object.keys(resourcesOf(template, 'AWS::S3Vectors::Index'));
const lexicalTableId = Object.entries(resourcesOf(template, 'AWS::DynamoDB::Table')).find(
  ([, t]) => t.Properties.TableName === 'docent-dev-lexical',
)?.[0];

describe('the budget search stage (searchBackend: budget)', () => {
  it('is read from context, OpenSearch by default, anything else refused', () => {
    const read = (context: Record<string, unknown>) => readStageConfig((key) => context[key], TEST_ENV);
    expect(read({}).searchBackend).toBe('opensearch');
    expect(read({ searchBackend: 'budget' }).searchBackend).toBe('budget');
    expect(() => read({ searchBackend: 'pinecone' })).toThrow(StageConfigError);
  });

  it('creates an S3 vector bucket and a cosine float32 index instead of the OpenSearch collection', () => {
    template.resourceCountIs('AWS::OpenSearchServerless::Collection', 0);
    template.resourceCountIs('AWS::OpenSearchServerless::SecurityPolicy', 0);
    template.hasResourceProperties('AWS::S3Vectors::VectorBucket', {
      VectorBucketName: 'docent-dev-vectors',
      EncryptionConfiguration: { SseType: 'AES256' },
    });
    template.hasResourceProperties('AWS::S3Vectors::Index', {
      IndexName: 'chunks',
      DataType: 'float32',
      Dimension: 1024,
      DistanceMetric: 'cosine',
      MetadataConfiguration: { NonFilterableMetadataKeys: ['chunkId'] },
    });
    expect(synth().template.findResources('AWS::S3Vectors::VectorBucket')).toEqual({});
  });

  it('declares what the adapter reads back unfiltered, at the dimension the functions embed with', () => {
    expect([...VECTOR_INDEX.nonFilterableMetadataKeys]).toEqual([...NON_FILTERABLE_METADATA_KEYS]);
    const config = loadAwsConfig({ AWS_REGION: 'eu-west-1', DOCENT_STORAGE: 'memory' });
    expect(config.embeddingDimensions).toBe(VECTOR_INDEX.dimension);
  });

  it('creates the lexical table keyed by pk and sk, on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'docent-dev-lexical',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('names both indexes in every function, and the Lambda configuration accepts them', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionId(template, 'docent-dev-query')];
    const variables = fn?.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables).toMatchObject({
      DOCENT_VECTOR_BACKEND: 's3vectors',
      DOCENT_VECTOR_BUCKET: 'docent-dev-vectors',
      DOCENT_VECTOR_INDEX: 'chunks',
      DOCENT_LEXICAL_BACKEND: 'dynamodb',
      DOCENT_LEXICAL_TABLE: { Ref: lexicalTableId },
    });
    expect(variables.DOCENT_OPENSEARCH_ENDPOINT).toBeUndefined();
    // CloudFormation fills the references at deploy time; stand-ins of the right shape take their place.
    const standIns: Record<string, string> = {
      DOCENT_USER_POOL_ID: 'eu-west-1_AbCdEf123',
      DOCENT_JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs',
      DOCENT_JOBS_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs-dlq',
    };
    const standIn = (key: string) => standIns[key] ?? 'docent-dev-stand-in';
    const env = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, typeof value === 'string' ? value : standIn(key)]),
    );
    const config = loadAwsConfig({ AWS_REGION: 'eu-west-1', ...env });
    expect(config.storage).toMatchObject({
      search: {
        vector: { kind: 's3vectors', vectorBucket: 'docent-dev-vectors', vectorIndex: 'chunks' },
        lexical: { kind: 'dynamodb' },
      },
    });
  });

  it('grants each function only its S3 Vectors and lexical-table actions, on that index and table alone', () => {
    for (const name of FUNCTION_NAMES) {
      const statements = statementsOf(`docent-dev-${name}`);
      const on = (prefix: string) => statements.filter((s) => list(s.Action).some((a) => a.startsWith(prefix)));
      const vector = on('s3vectors:');
      expect(vector.flatMap((s) => list(s.Action)).sort(), name).toEqual([...(VECTOR_ACCESS[name] ?? [])].sort());
      for (const s of vector) expect(s.Resource).toEqual({ 'Fn::GetAtt': [indexId, 'IndexArn'] });
      const lexical = on('dynamodb:').filter((s) => JSON.stringify(s.Resource).includes(lexicalTableId ?? '?'));
      expect(lexical.flatMap((s) => list(s.Action)).sort(), name).toEqual([...(LEXICAL_ACCESS[name] ?? [])].sort());
      for (const s of lexical) expect(s.Resource).toEqual({ 'Fn::GetAtt': [lexicalTableId, 'Arn'] });
      expect(
        statements.flatMap((s) => list(s.Action)),
        name,
      ).not.toContain('aoss:APIAccessAll');
    }
    expect(VECTOR_ACCESS.authorizer).toBeUndefined();
    expect(LEXICAL_ACCESS.auth).toBeUndefined();
  });
});
