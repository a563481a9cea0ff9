import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DocentError } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteUsers, startDynaliteUsers } from '../../test-support/dynalite-users-table.ts';
import { DynamoUsersTable } from './users-table.ts';

describe('DynamoUsersTable (dynalite)', () => {
  let dynalite: DynaliteUsers;
  beforeAll(async () => {
    dynalite = await startDynaliteUsers();
  });
  afterAll(() => dynalite.close());

  const ada = { id: 'sub-ada', email: 'ada@example.com', createdAt: '2024-01-01T00:00:00.000Z' };

  it('creates a row that get and findByEmail return', async () => {
    const table = await dynalite.newTable();
    expect(await table.create(ada)).toBe('created');
    expect(await table.get('sub-ada')).toEqual(ada);
    expect(await table.findByEmail('ada@example.com')).toEqual(ada);
  });

  it('answers null for an unknown id, an empty id and an unknown email', async () => {
    const table = await dynalite.newTable();
    await table.create(ada);
    expect(await table.get('sub-nobody')).toBeNull();
    expect(await table.get('')).toBeNull();
    expect(await table.findByEmail('nobody@example.com')).toBeNull();
  });

  it('never overwrites a row: a second create of the same id reports exists and keeps the first', async () => {
    const table = await dynalite.newTable();
    await table.create(ada);
    expect(await table.create({ ...ada, email: 'other@example.com', createdAt: '2025-01-01T00:00:00.000Z' })).toBe(
      'exists',
    );
    expect(await table.get('sub-ada')).toEqual(ada);
  });

  it('turns a missing table into a non-retryable unavailable naming the AWS error', async () => {
    const table = new DynamoUsersTable({ client: dynalite.client, tableName: 'no-such-table' });
    const error = await expectDocentError(table.get('sub-ada'), 'unavailable');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ awsError: 'ResourceNotFoundException', status: 400 });
    await expectDocentError(table.create(ada), 'unavailable');
    await expectDocentError(table.findByEmail('ada@example.com'), 'unavailable');
  });

  it('turns a refused connection into a retryable unavailable', async () => {
    const raw = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
    const table = new DynamoUsersTable({ client: DynamoDBDocumentClient.from(raw), tableName: 'users' });
    const error = await table.get('sub-ada').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DocentError);
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    raw.destroy();
  });
});
