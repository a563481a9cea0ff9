import { describeQueryHistoryRepositoryContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { DynamoQueryHistoryRepository } from './dynamo-query-history-repository.ts';

let dynamo: DynaliteTestServer;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describeQueryHistoryRepositoryContract('DynamoQueryHistoryRepository (dynalite)', async () => {
  const tables = await dynamo.createTables();
  return { repo: new DynamoQueryHistoryRepository({ client: dynamo.client, tableName: tables.queryHistory }) };
});
