import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { withDynamoErrors } from './dynamo-errors.ts';
import {
  DOCUMENTS_TABLE_KEYS,
  type DynamoKeyAttribute,
  type DynamoTableDefinition,
  type DynamoTableNames,
  LEXICAL_TABLE_KEYS,
  QUERY_HISTORY_TABLE_KEYS,
} from './dynamo-schema.ts';

/** A table's keys and indexes; a table keyed by its partition key alone (LoginAttempts, Jobs) has no sort key. */
type TableLayout = Omit<DynamoTableDefinition, 'sortKey'> & { readonly sortKey?: DynamoKeyAttribute };

/** How long `createDynamoTables` waits for a table to become ACTIVE (real DynamoDB takes seconds). */
const MAX_WAIT_SECONDS = 120;

const keySchema = (partitionKey: DynamoKeyAttribute, sortKey: DynamoKeyAttribute | undefined) => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
  ...(sortKey === undefined ? [] : [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }]),
];

/** The CreateTable request for `definition`, on demand (PAY_PER_REQUEST). */
export const createTableInput = (tableName: string, definition: TableLayout): CreateTableCommandInput => {
  const keys = [
    definition.partitionKey,
    ...(definition.sortKey === undefined ? [] : [definition.sortKey]),
    ...definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  // Each key attribute is defined once, however many indexes share it.
  const attributes = new Map<string, AttributeDefinition>(
    keys.map((key) => [key.name, { AttributeName: key.name, AttributeType: key.type }]),
  );
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    // DynamoDB refuses an empty list: a table without indexes leaves the field out.
    ...(definition.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: index.projection },
      })),
    }),
  };
};

const createTable = async (client: DynamoDBClient, tableName: string, definition: TableLayout) => {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, definition)));
  } catch (error) {
    // Already there (a second local start): keep it, whatever it holds.
    if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
  }
  await waitUntilTableExists(
    { client, maxWaitTime: MAX_WAIT_SECONDS, minDelay: 1, maxDelay: 5 },
    {
      TableName: tableName,
    },
  );
};

/**
 * Creates Docent's tables (Documents and QueryHistory, with their indexes) unless they exist, and
 * waits until both are ACTIVE. For tests and local development: deployed tables come from the CDK
 * stack, which reads the same definitions from `dynamo-schema.ts`.
 */
export const createDynamoTables = async (client: DynamoDBClient, names: DynamoTableNames): Promise<void> =>
  withDynamoErrors('CreateTable', async () => {
    await Promise.all([
      createTable(client, names.documents, DOCUMENTS_TABLE_KEYS),
      createTable(client, names.queryHistory, QUERY_HISTORY_TABLE_KEYS),
    ]);
  });

/**
 * Creates a table keyed by one string attribute unless it exists, and waits until it is ACTIVE
 * (LoginAttempts, the jobs table): for tests and local development; the CDK stack creates the
 * deployed ones, with time to live on `expiresAt`.
 */
export const createPartitionKeyTable = async (
  client: DynamoDBClient,
  tableName: string,
  keyName: string,
): Promise<void> =>
  withDynamoErrors('CreateTable', () =>
    createTable(client, tableName, { partitionKey: { name: keyName, type: 'S' }, globalSecondaryIndexes: [] }),
  );

/** Creates the lexical index's table (`LEXICAL_TABLE_KEYS`) unless it exists; for tests and local development. */
export const createLexicalTable = async (client: DynamoDBClient, tableName: string): Promise<void> =>
  withDynamoErrors('CreateTable', () => createTable(client, tableName, LEXICAL_TABLE_KEYS));
