import { describe, expect, it } from 'vitest';
import { configProblems, DEPLOYED_ENV } from '../test-support/deployed-env.ts';
import { loadAwsConfig } from './aws-config.ts';

// The stack's variables without any search backend named.
const RESOURCES = { ...DEPLOYED_ENV, DOCENT_OPENSEARCH_ENDPOINT: undefined };
const ENDPOINT = DEPLOYED_ENV.DOCENT_OPENSEARCH_ENDPOINT as string;
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

const problemsOf = (env: Record<string, string>): string[] => configProblems({ ...RESOURCES, ...env });

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
