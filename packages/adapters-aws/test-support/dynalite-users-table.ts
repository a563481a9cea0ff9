import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoUsersTable, USERS_EMAIL_INDEX, USERS_TABLE_KEY } from '../src/cognito/users-table.ts';

/** A dynalite (in-process DynamoDB) server holding Users tables, for tests. */
export interface DynaliteUsers {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  /** A document client pointed at the server. */
  client: DynamoDBDocumentClient;
  /** Creates a Users table (with `EmailIndex`) under a fresh name and returns it. */
  newTable(): Promise<DynamoUsersTable>;
  /** Stops the server. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
// dynalite ships no types: it is a function returning a node:http server.
const dynalite = require('dynalite') as (options: Record<string, number>) => Server;

let tableCount = 0;

/** Starts dynalite on 127.0.0.1 with a free port, tables created instantly. */
export const startDynaliteUsers = async (): Promise<DynaliteUsers> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
  const client = DynamoDBDocumentClient.from(raw);
  return {
    endpoint,
    client,
    newTable: async () => {
      tableCount += 1;
      const tableName = `users-${process.pid}-${tableCount}`;
      await raw.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: USERS_TABLE_KEY, AttributeType: 'S' },
            { AttributeName: 'email', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: USERS_TABLE_KEY, KeyType: 'HASH' }],
          GlobalSecondaryIndexes: [
            {
              IndexName: USERS_EMAIL_INDEX,
              KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
      // Even with createTableMs 0 dynalite answers ResourceNotFound until its timer marks the table ACTIVE,
      // which a loaded machine can delay past the first request: wait, as createDynamoTables does.
      await waitUntilTableExists({ client: raw, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: tableName });
      return new DynamoUsersTable({ client, tableName });
    },
    close: async () => {
      raw.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
