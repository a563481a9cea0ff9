import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { contentTexts, isolationCommands } from '../test-support/isolation-commands.ts';
import type { Account, IsolationModel, IsolationReal } from '../test-support/isolation-model.ts';
import { type LocalApp, startLocalApp } from '../test-support/local-app.ts';
import { OwnershipLedger } from '../test-support/ownership-ledger.ts';

// A few seconds in `npm test`; ISOLATION_RUNS=500 (and ISOLATION_SEED) for a long run.
const RUNS = Number(process.env.ISOLATION_RUNS ?? 20);
const SEED = Number(process.env.ISOLATION_SEED ?? 1313);
const PASSWORD = 'Correct-Horse-9';

let dataDir: string;
let api: LocalApp;
// One ledger for the whole file: users of earlier runs stay in the store, and stay "other users".
const ledger = new OwnershipLedger();
let accounts = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'docent-isolation-'));
  api = await startLocalApp(dataDir);
});
afterAll(async () => {
  await api?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const newAccount = async (): Promise<Account> => {
  const key = `u${++accounts}`;
  const token = await api.signUp(`${key}@isolation.test`, PASSWORD);
  const marker = ledger.newSecret('question');
  ledger.grantSecret(marker, key);
  return { key, token, marker, live: new Map(), asked: 0, conversations: new Map() };
};

// Model-based: random sequences of uploads (identical bytes across users included), deletes, asks,
// follow-ups in one's own or another user's conversation, reads and probes of other users'
// documents, over the real local composition (SQLite store and blobs in a temp dir, hashing
// embedder) behind the real Fastify app. Every response is checked against the ledger: it may
// carry no other user's document, chunk, history entry, conversation, passage or question.
describe('owner isolation (model-based, local store)', () => {
  it(
    'no response ever carries what belongs to another user',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 3 }),
          contentTexts,
          isolationCommands(25),
          async (users, texts, commands) => {
            const model: IsolationModel = {
              accounts: await Promise.all(Array.from({ length: users }, newAccount)),
              contents: texts.map((sentences, i) => {
                const secret = ledger.newSecret('document');
                const text = sentences.map((words) => `${[...words, secret].join(' ')}.`).join(' ');
                return { name: `doc-${i}.txt`, text, secret };
              }),
            };
            const real: IsolationReal = { api, ledger };
            await fc.asyncModelRun(() => ({ model, real }), commands);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    },
    Math.max(120_000, RUNS * 3_000),
  );
});
