import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import {
  DOCUMENTS_TABLE_KEYS,
  type DynamoTableDefinition,
  LEXICAL_TABLE_KEYS,
  QUERY_HISTORY_TABLE_KEYS,
} from './dynamo-schema.ts';
import { createDynamoTables, createLexicalTable, createTableInput } from './dynamo-tables.ts';

let dynamo: DynaliteTestServer;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

const describeTable = async (name: string) =>
  (await dynamo.client.send(new DescribeTableCommand({ TableName: name }))).Table;

/** What DescribeTable should report for a table made from `definition`, keys in schema order. */
const expectedShape = (definition: DynamoTableDefinition) => ({
  TableStatus: 'ACTIVE',
  BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
  KeySchema: [
    { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
    { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) =>
    expect.objectContaining({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    }),
  ),
});

describe('createDynamoTables', () => {
  it('creates both tables, on demand, with the keys and indexes of dynamo-schema', async () => {
    const names = { documents: 'docs-created', queryHistory: 'history-created' };
    await createDynamoTables(dynamo.client, names);
    expect(await describeTable(names.documents)).toMatchObject(expectedShape(DOCUMENTS_TABLE_KEYS));
    expect(await describeTable(names.queryHistory)).toMatchObject(expectedShape(QUERY_HISTORY_TABLE_KEYS));
  });

  it('leaves existing tables alone when run again', async () => {
    const names = { documents: 'docs-twice', queryHistory: 'history-twice' };
    await createDynamoTables(dynamo.client, names);
    await createDynamoTables(dynamo.client, names);
    expect((await describeTable(names.documents))?.TableStatus).toBe('ACTIVE');
  });

  it('defines each key attribute once, however many indexes share it', () => {
    const input = createTableInput('docs', DOCUMENTS_TABLE_KEYS);
    expect(input.AttributeDefinitions?.map((attribute) => attribute.AttributeName).sort()).toEqual([
      'changedAtId',
      'documentId',
      'inFlightStatus',
      'status',
      'uploadedAtId',
      'userId',
    ]);
  });

  it('reports a refused table as internal_error', async () => {
    await expect(
      createDynamoTables(dynamo.client, { documents: 'x', queryHistory: 'history-ok' }),
    ).rejects.toMatchObject({
      code: 'internal_error',
      details: { awsError: 'ValidationException' },
    });
  });

  it('creates the lexical table with pk and sk and no index field at all (DynamoDB refuses an empty list)', async () => {
    expect(createTableInput('lexical', LEXICAL_TABLE_KEYS)).not.toHaveProperty('GlobalSecondaryIndexes');
    await createLexicalTable(dynamo.client, 'lexical-created');
    await createLexicalTable(dynamo.client, 'lexical-created');
    expect(await describeTable('lexical-created')).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
  });
});
