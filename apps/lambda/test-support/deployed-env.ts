import { AwsConfigError, loadAwsConfig } from '../src/aws-config.ts';

/**
 * The environment the CDK stack gives a function, with the values CloudFormation fills in at deploy
 * time written out (an OpenSearch stage). Tests start from it and change what they are about.
 */
export const DEPLOYED_ENV: Readonly<Record<string, string>> = {
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

/** The problems `loadAwsConfig` names for `env`; none when it accepts it. */
export const configProblems = (env: Record<string, string | undefined>): string[] => {
  try {
    loadAwsConfig(env);
  } catch (error) {
    if (error instanceof AwsConfigError) return error.problems;
    throw error;
  }
  return [];
};
