import { describeDocumentRepositoryContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { DynamoDocumentRepository } from './dynamo-document-repository.ts';

let dynamo: DynaliteTestServer;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describeDocumentRepositoryContract('DynamoDocumentRepository (dynalite)', async (clock) => {
  const tables = await dynamo.createTables();
  return { repo: new DynamoDocumentRepository({ client: dynamo.client, tableName: tables.documents, clock }) };
});
