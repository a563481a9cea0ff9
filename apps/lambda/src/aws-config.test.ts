import { describe, expect, it } from 'vitest';
import { AwsConfigError, loadAwsConfig } from './aws-config.ts';

const AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  DOCENT_DOCUMENTS_TABLE: 'docent-dev-documents',
  DOCENT_HISTORY_TABLE: 'docent-dev-query-history',
  DOCENT_USERS_TABLE: 'docent-dev-users',
  DOCENT_LOGIN_ATTEMPTS_TABLE: 'docent-dev-login-attempts',
  DOCENT_BUCKET: 'docent-dev-documents-123456789012-eu-west-1',
  DOCENT_OPENSEARCH_ENDPOINT: 'https://abc123.eu-west-1.aoss.amazonaws.com',
  DOCENT_USER_POOL_ID: 'eu-west-1_AbCdEf123',
  DOCENT_USER_POOL_CLIENT_ID: '1example23456789',
  DOCENT_JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs',
  DOCENT_JOBS_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/docent-dev-jobs-dlq',
  DOCENT_JOBS_TABLE: 'docent-dev-jobs',
};

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadAwsConfig(env);
  } catch (error) {
    if (error instanceof AwsConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadAwsConfig: the job queue', () => {
  it('reads the queue, its dead-letter queue and the jobs table', () => {
    expect(loadAwsConfig(AWS_ENV).storage).toMatchObject({
      kind: 'aws',
      jobs: { queueUrl: AWS_ENV.DOCENT_JOBS_QUEUE_URL, dlqUrl: AWS_ENV.DOCENT_JOBS_DLQ_URL, table: 'docent-dev-jobs' },
    });
  });

  it('needs no dead-letter queue', () => {
    const storage = loadAwsConfig({ ...AWS_ENV, DOCENT_JOBS_DLQ_URL: undefined }).storage;
    expect(storage.kind === 'aws' && storage.jobs).toEqual({
      queueUrl: AWS_ENV.DOCENT_JOBS_QUEUE_URL,
      table: 'docent-dev-jobs',
    });
  });

  it('names a missing queue URL and jobs table with real storage, and a queue URL that is no URL', () => {
    expect(problemsOf({ ...AWS_ENV, DOCENT_JOBS_QUEUE_URL: undefined, DOCENT_JOBS_TABLE: '' })).toEqual([
      'DOCENT_JOBS_QUEUE_URL: required when DOCENT_STORAGE=aws',
      'DOCENT_JOBS_TABLE: required when DOCENT_STORAGE=aws',
    ]);
    expect(problemsOf({ ...AWS_ENV, DOCENT_JOBS_DLQ_URL: 'docent-dev-jobs-dlq' })).toEqual([
      expect.stringMatching(/^DOCENT_JOBS_DLQ_URL: /u),
    ]);
  });

  it('needs none of them in memory', () => {
    expect(loadAwsConfig({ AWS_REGION: 'eu-west-1', DOCENT_STORAGE: 'memory' }).storage).toEqual({ kind: 'memory' });
  });
});
