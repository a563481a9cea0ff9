import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ManualClock } from '@docent/testing';
import {
  CognitoIdentityProvider,
  type CognitoIdentityProviderOptions,
} from '../src/cognito/cognito-identity-provider.ts';
import type { DynamoUsersTable } from '../src/cognito/users-table.ts';
import {
  type CognitoTestServer,
  type CognitoTestServerOptions,
  startCognitoTestServer,
} from './cognito-test-server.ts';
import { type DynaliteUsers, startDynaliteUsers } from './dynalite-users-table.ts';

/** What a test of the Cognito adapter works against: the local pool, dynalite, a clock both share. */
export interface CognitoTestWorld {
  server: CognitoTestServer;
  dynalite: DynaliteUsers;
  clock: ManualClock;
  /** A client of the local pool, one attempt per call so injected failures surface at once. */
  client: CognitoIdentityProviderClient;
  /** A provider on the pool and on `users` (default: a fresh Users table). */
  provider(options?: Partial<CognitoIdentityProviderOptions>): Promise<{
    identity: CognitoIdentityProvider;
    users: DynamoUsersTable;
  }>;
  close(): Promise<void>;
}

/** Starts the Cognito test server and dynalite; the clock starts at 2024-01-01. */
export const startCognitoTestWorld = async (options: CognitoTestServerOptions = {}): Promise<CognitoTestWorld> => {
  const clock = new ManualClock();
  const server = await startCognitoTestServer({ now: () => clock.now(), ...options });
  const dynalite = await startDynaliteUsers();
  const client = new CognitoIdentityProviderClient({
    region: server.region,
    endpoint: server.baseUrl,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
  return {
    server,
    dynalite,
    clock,
    client,
    provider: async (overrides = {}) => {
      const users = overrides.users ?? (await dynalite.newTable());
      const identity = new CognitoIdentityProvider({
        client,
        users,
        userPoolId: server.userPoolId,
        clientId: server.clientId,
        jwksUrl: server.jwksUrl,
        clock,
        ...overrides,
      });
      return { identity, users };
    },
    close: async () => {
      client.destroy();
      await Promise.all([server.close(), dynalite.close()]);
    },
  };
};
