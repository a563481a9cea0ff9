import { USERS_EMAIL_INDEX, USERS_TABLE_KEY } from '@docent/adapters-aws/cognito';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENTS_TABLE_KEYS,
  LOGIN_ATTEMPTS_TABLE,
  QUERY_HISTORY_TABLE_KEYS,
  USERS_TABLE_KEYS,
} from '../lib/data/table-definitions.ts';
import { PROD_CONTEXT, resourcesOf, synth } from './synth-template.ts';

const { template } = synth();
const tableNamed = (name: string) => {
  const table = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table')).find(
    (resource) => resource.Properties.TableName === name,
  );
  if (table === undefined) throw new Error(`no table ${name}`);
  return table.Properties;
};

describe('DynamoDB tables', () => {
  it('are five, on demand, with point-in-time recovery and encryption at rest', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 5);
    for (const name of [
      'docent-dev-users',
      'docent-dev-documents',
      'docent-dev-query-history',
      'docent-dev-login-attempts',
      'docent-dev-jobs',
    ]) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
  });

  it('key Users by userId with the EmailIndex the Cognito adapter queries', () => {
    const users = tableNamed('docent-dev-users');
    expect(users.KeySchema).toEqual([{ AttributeName: 'userId', KeyType: 'HASH' }]);
    expect(users.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'EmailIndex',
        KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    // The adapter (packages/adapters-aws/src/cognito/users-table.ts) names the same key and index.
    expect(USERS_TABLE_KEYS.partitionKey.name).toBe(USERS_TABLE_KEY);
    expect(USERS_TABLE_KEYS.globalSecondaryIndexes.map((index) => index.indexName)).toEqual([USERS_EMAIL_INDEX]);
  });

  it('key Documents and QueryHistory exactly as the adapters’ shared schema says', () => {
    for (const [name, layout] of [
      ['docent-dev-documents', DOCUMENTS_TABLE_KEYS],
      ['docent-dev-query-history', QUERY_HISTORY_TABLE_KEYS],
    ] as const) {
      const table = tableNamed(name);
      expect(table.KeySchema).toEqual([
        { AttributeName: layout.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: layout.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(table.GlobalSecondaryIndexes).toEqual(
        layout.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        })),
      );
    }
  });

  it('give Documents the upload-date, status and in-flight indexes and QueryHistory a conversation index', () => {
    const indexNames = (name: string) =>
      tableNamed(name).GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName);
    expect(indexNames('docent-dev-documents')).toEqual(['UserUploadDateIndex', 'StatusIndex', 'InFlightIndex']);
    expect(indexNames('docent-dev-query-history')).toEqual(['ConversationIndex']);
    expect(tableNamed('docent-dev-query-history').KeySchema).toEqual([
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'askedAtId', KeyType: 'RANGE' },
    ]);
  });

  it('key LoginAttempts as the throttling adapter does, expiring items by time to live', () => {
    const attempts = tableNamed('docent-dev-login-attempts');
    expect(attempts.KeySchema).toEqual([{ AttributeName: LOGIN_ATTEMPTS_TABLE.partitionKey.name, KeyType: 'HASH' }]);
    expect(attempts.TimeToLiveSpecification).toEqual({
      AttributeName: LOGIN_ATTEMPTS_TABLE.timeToLiveAttribute,
      Enabled: true,
    });
    expect(attempts.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('key Jobs by the job key, expiring its records by time to live at expiresAt', () => {
    const jobs = tableNamed('docent-dev-jobs');
    expect(jobs.KeySchema).toEqual([{ AttributeName: 'key', KeyType: 'HASH' }]);
    expect(jobs.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(jobs.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('are deleted with a dev stack but retained and deletion-protected in prod', () => {
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    const prod = synth(PROD_CONTEXT).template;
    prod.allResources('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        TableName: Match.stringLikeRegexp('^docent-prod-'),
      }),
    });
  });
});
