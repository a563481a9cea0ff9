import { describeLoginAttemptsContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { createLoginAttemptsTable, DynamoLoginAttempts } from './dynamo-login-attempts.ts';

let dynamo: DynaliteTestServer;
let tables = 0;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describeLoginAttemptsContract('DynamoLoginAttempts (dynalite)', async () => {
  tables += 1;
  const tableName = `login-attempts-${tables}-${crypto.randomUUID().slice(0, 8)}`;
  await createLoginAttemptsTable(dynamo.client, tableName);
  return { attempts: new DynamoLoginAttempts({ client: dynamo.client, tableName }) };
});
