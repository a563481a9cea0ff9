import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { type Answer, type Principal, TOKENS } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QA_DEV } from '../../test/support/api-client.ts';
import { HeldEmbedder } from '../../test-support/held-embedder.ts';
import { type LocalApp, startLocalApp } from '../../test-support/local-app.ts';
import { AskWorkerPool } from './ask-worker-pool.ts';

const DOCUMENTS = ['Artistic.txt', 'CC0-1.0.txt', 'zstd-README.md'];
const QUESTIONS = [
  'Under the Artistic License, am I allowed to charge money when I distribute the package?',
  'Does CC0 waive the patent rights of the affirmer?',
  'What compression levels does zstd offer?',
  'How do I bake sourdough bread?',
];

let dataDir: string;
let local: LocalApp;
let alice: Principal;
// One pool for every test (starting workers is the slow part): the real worker, plus a way to crash it.
let pool: AskWorkerPool;
const embedder = new HeldEmbedder(new HashingEmbedder());

/** What must not differ between two runs of one question: everything but ids and timings. */
const comparable = ({ timings: _timings, conversationId: _conversation, ...rest }: Answer) => rest;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'docent-ask-pool-'));
  local = await startLocalApp(dataDir);
  const token = await local.signUp('alice@example.com', 'Pool-test-password-1');
  for (const name of DOCUMENTS) {
    await local.upload(token, name, readFileSync(path.join(QA_DEV, 'docs', name), 'utf8'));
  }
  await local.drainJobs();
  alice = await local.resolver.get(TOKENS.Authenticate).execute({ token });
  pool = new AskWorkerPool({
    size: 2,
    embedder,
    workerData: {
      dataDir,
      embedder: { modelId: embedder.modelId, dimensions: embedder.dimensions },
      llm: { kind: 'extractive' },
    },
    workerUrl: new URL('../../test-support/crashing-ask-worker.ts', import.meta.url),
  });
});

afterAll(async () => {
  await pool.close();
  await local.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('AskWorkerPool', () => {
  it('answers exactly as the in-process AskQuestion does, and records each ask', async () => {
    const inProcess = local.resolver.get(TOKENS.AskQuestion);
    for (const question of QUESTIONS) {
      const expected = await inProcess.execute(alice, { question });
      const pooled = await pool.execute(alice, { question });
      expect(comparable(pooled)).toEqual(comparable(expected));
    }
    // Streaming: the text arrives in pieces before the answer, as in-process.
    const pieces: string[] = [];
    const streamed = await pool.execute(alice, { question: QUESTIONS[0] as string }, { onText: (d) => pieces.push(d) });
    expect(streamed.abstained).toBe(false);
    expect(pieces.join('')).toContain(streamed.answer.slice(0, 40));
    const history = await local.resolver.get(TOKENS.ListHistory).execute(alice, { limit: 50 });
    expect(history.items.filter((entry) => entry.question === QUESTIONS[0])).toHaveLength(3);
  });

  it('fails the asks of a worker that died as retryable, and starts a new one for the next ask', async () => {
    const before = pool.threadIds;
    await expect(pool.execute(alice, { question: 'crash' })).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    const answer = await pool.execute(alice, { question: QUESTIONS[2] as string });
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(pool.threadIds).toHaveLength(2);
    expect(pool.threadIds).not.toEqual(before);
  });

  it('stops an ask whose client left: rejected at once, nothing recorded, the worker serves the next', async () => {
    const controller = new AbortController();
    const question = 'Is the abandoned question ever recorded?';
    embedder.hold();
    const asked = pool.execute(alice, { question }, { signal: controller.signal });
    while (embedder.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('client left'));
    await expect(asked).rejects.toThrow('client left');
    embedder.release();
    expect((await pool.execute(alice, { question: QUESTIONS[1] as string })).sources.length).toBeGreaterThan(0);
    const history = await local.resolver.get(TOKENS.ListHistory).execute(alice, { limit: 50 });
    expect(history.items.map((entry) => entry.question)).not.toContain(question);
  });
});
