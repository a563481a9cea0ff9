import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoTableNames } from '../src/dynamodb/dynamo-schema.ts';
import { createDynamoTables } from '../src/dynamodb/dynamo-tables.ts';
import { listenLocally, localClientConfig } from './local-client-config.ts';

// dynalite is CommonJS without type declarations; this is the little the tests use.
type Dynalite = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

/** An in-process DynamoDB (dynalite, in memory) on 127.0.0.1 and a client for it. */
export interface DynaliteTestServer {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  /** A client of the server with static fake credentials, no retries (tests see each failure). */
  client: DynamoDBClient;
  /** Another client of the server, same settings, for a test that adds middleware to it; the caller destroys it. */
  connect(): DynamoDBClient;
  /** Creates a fresh pair of tables under a prefix no other call used, and returns their names. */
  createTables(): Promise<DynamoTableNames>;
  /** Destroys the client and stops the server. */
  close(): Promise<void>;
}

let tablePrefixes = 0;

/** Starts dynalite on a free port, with tables ACTIVE as soon as they are created. */
export const startDynalite = async (): Promise<DynaliteTestServer> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listenLocally(server);
  const connect = () => new DynamoDBClient(localClientConfig(endpoint));
  const client = connect();
  return {
    endpoint,
    client,
    connect,
    async createTables() {
      tablePrefixes += 1;
      const prefix = `t${tablePrefixes}-${crypto.randomUUID().slice(0, 8)}`;
      const names = { documents: `${prefix}-documents`, queryHistory: `${prefix}-history` };
      await createDynamoTables(client, names);
      return names;
    },
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
