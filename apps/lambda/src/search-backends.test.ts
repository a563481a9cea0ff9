import { describe, expect, it } from 'vitest';
import { AwsConfigError, loadAwsConfig } from './aws-config.ts';

const RESOURCES = {
  AWS_REGION: 'eu-west-1',
  DOCENT_DOCUMENTS_TABLE: 'docent-dev-documents',
  DOCENT_HISTORY_TABLE: 'docent-dev-query-history',
  DOCENT_USERS_TABLE: 'docent-dev-users',
  DOCENT_LOGIN_ATTEMPTS_TABLE: 'docent-dev-login-attempts',
  DOCENT_BUCKET: 'docent-dev-documents-123',
  DOCENT_USER_POOL_ID: 'eu-west-1_AbCdEf123',
  DOCENT_USER_POOL_CLIENT_ID: '1example23456789',
  DOCENT_JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs',
  DOCENT_JOBS_TABLE: 'docent-dev-jobs',
};
const ENDPOINT = 'https://abc123.eu-west-1.aoss.amazonaws.com';
const BUDGET = {
  DOCENT_VECTOR_BACKEND: 's3vectors',
  DOCENT_VECTOR_BUCKET: 'docent-dev-vectors-123',
  DOCENT_VECTOR_INDEX: 'chunks',
  DOCENT_LEXICAL_BACKEND: 'dynamodb',
  DOCENT_LEXICAL_TABLE: 'docent-dev-lexical',
};

const searchOf = (env: Record<string, string>) => {
  const { storage } = loadAwsConfig({ ...RESOURCES, ...env });
  if (storage.kind !== 'aws') throw new Error('expected AWS storage');
  return storage.search;
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadAwsConfig({ ...RESOURCES, ...env });
  } catch (error) {
    if (error instanceof AwsConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected an AwsConfigError');
};

describe('search backends in the Lambda configuration', () => {
  it('put both indexes in the OpenSearch collection by default', () => {
    const opensearch = { kind: 'opensearch', endpoint: ENDPOINT, index: 'docent-chunks' };
    expect(searchOf({ DOCENT_OPENSEARCH_ENDPOINT: ENDPOINT })).toEqual({ vector: opensearch, lexical: opensearch });
  });

  it('run the budget stage on S3 Vectors and DynamoDB without any OpenSearch endpoint', () => {
    expect(searchOf(BUDGET)).toEqual({
      vector: { kind: 's3vectors', vectorBucket: 'docent-dev-vectors-123', vectorIndex: 'chunks' },
      lexical: { kind: 'dynamodb', table: 'docent-dev-lexical' },
    });
  });

  it('mix backends: vectors in S3 Vectors, lexical entries still in OpenSearch', () => {
    const { DOCENT_LEXICAL_BACKEND, DOCENT_LEXICAL_TABLE, ...vectorsOnly } = BUDGET;
    expect(
      searchOf({ ...vectorsOnly, DOCENT_OPENSEARCH_ENDPOINT: ENDPOINT, DOCENT_OPENSEARCH_INDEX: 'chunks-v2' }),
    ).toEqual({
      vector: { kind: 's3vectors', vectorBucket: 'docent-dev-vectors-123', vectorIndex: 'chunks' },
      lexical: { kind: 'opensearch', endpoint: ENDPOINT, index: 'chunks-v2' },
    });
  });

  it('name every resource the chosen backends are missing, the endpoint once', () => {
    expect(problemsOf({})).toEqual(['DOCENT_OPENSEARCH_ENDPOINT: required when a backend is opensearch']);
    expect(problemsOf({ DOCENT_VECTOR_BACKEND: 's3vectors', DOCENT_LEXICAL_BACKEND: 'dynamodb' })).toEqual([
      'DOCENT_VECTOR_BUCKET: required when DOCENT_VECTOR_BACKEND=s3vectors',
      'DOCENT_VECTOR_INDEX: required when DOCENT_VECTOR_BACKEND=s3vectors',
      'DOCENT_LEXICAL_TABLE: required when DOCENT_LEXICAL_BACKEND=dynamodb',
    ]);
  });

  it('refuse unknown backends and malformed names', () => {
    const problems = problemsOf({
      ...BUDGET,
      DOCENT_VECTOR_BACKEND: 'pinecone',
      DOCENT_VECTOR_BUCKET: 'Docent_Vectors',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DOCENT_VECTOR_BACKEND: /);
    expect(problems[1]).toBe('DOCENT_VECTOR_BUCKET: an S3 vector bucket name');
  });

  it('need no search resources with in-memory storage', () => {
    expect(loadAwsConfig({ AWS_REGION: 'eu-west-1', DOCENT_STORAGE: 'memory' }).storage).toEqual({ kind: 'memory' });
  });
});
