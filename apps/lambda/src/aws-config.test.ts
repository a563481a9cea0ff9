import { describe, expect, it } from 'vitest';
import { configProblems, DEPLOYED_ENV } from '../test-support/deployed-env.ts';
import { loadAwsConfig } from './aws-config.ts';

describe('loadAwsConfig: the job queue', () => {
  it('reads the queue, its dead-letter queue and the jobs table', () => {
    expect(loadAwsConfig(DEPLOYED_ENV).storage).toMatchObject({
      kind: 'aws',
      jobs: {
        queueUrl: DEPLOYED_ENV.DOCENT_JOBS_QUEUE_URL,
        dlqUrl: DEPLOYED_ENV.DOCENT_JOBS_DLQ_URL,
        table: 'docent-dev-jobs',
      },
    });
  });

  it('needs no dead-letter queue', () => {
    const storage = loadAwsConfig({ ...DEPLOYED_ENV, DOCENT_JOBS_DLQ_URL: undefined }).storage;
    expect(storage.kind === 'aws' && storage.jobs).toEqual({
      queueUrl: DEPLOYED_ENV.DOCENT_JOBS_QUEUE_URL,
      table: 'docent-dev-jobs',
    });
  });

  it('names a missing queue URL and jobs table with real storage, and a queue URL that is no URL', () => {
    expect(configProblems({ ...DEPLOYED_ENV, DOCENT_JOBS_QUEUE_URL: undefined, DOCENT_JOBS_TABLE: '' })).toEqual([
      'DOCENT_JOBS_QUEUE_URL: required when DOCENT_STORAGE=aws',
      'DOCENT_JOBS_TABLE: required when DOCENT_STORAGE=aws',
    ]);
    expect(configProblems({ ...DEPLOYED_ENV, DOCENT_JOBS_DLQ_URL: 'docent-dev-jobs-dlq' })).toEqual([
      expect.stringMatching(/^DOCENT_JOBS_DLQ_URL: /u),
    ]);
  });

  it('needs none of them in memory', () => {
    expect(loadAwsConfig({ AWS_REGION: 'eu-west-1', DOCENT_STORAGE: 'memory' }).storage).toEqual({ kind: 'memory' });
  });
});
