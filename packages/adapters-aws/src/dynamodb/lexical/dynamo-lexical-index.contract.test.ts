import { describeLexicalIndexContract } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../../test-support/dynalite-test-server.ts';
import { createLexicalTable } from '../dynamo-tables.ts';
import { DynamoLexicalIndex } from './dynamo-lexical-index.ts';

let dynamo: DynaliteTestServer;
let tables = 0;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describeLexicalIndexContract('DynamoLexicalIndex (dynalite)', async () => {
  const tableName = `lexical-${++tables}`;
  await createLexicalTable(dynamo.client, tableName);
  return { index: new DynamoLexicalIndex({ client: dynamo.client, tableName }) };
});
