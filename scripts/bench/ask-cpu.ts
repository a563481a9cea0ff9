/**
 * Server CPU per answered ask, all threads (main, ask workers, embedder, GC), at a fixed
 * concurrency on the QA store: the load-insensitive figure behind "Fair under load" (2 cores /
 * CPU per ask = the throughput ceiling). Every question is asked `--rounds` times by `--concurrency`
 * closed-loop clients after one warm-up round; CPU comes from /proc (`thread-cpu.ts`).
 *   DOCENT_BENCH_QA_DATA_DIR=/tmp/qa node scripts/bench/ask-cpu.ts [--concurrency 8] [--rounds 3] [qa-set-dir]
 * The server takes the caller's DOCENT_* settings (`serverEnv`).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QA_DEV } from '../../apps/local-server/test/support/api-client.ts';
import { round1 } from './bench-support.ts';
import { openQaStore } from './qa-store.ts';
import { cpuBetween, threadCpu } from './thread-cpu.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency: a positive whole number');
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds: a positive whole number');

/** Asks every question of `questions` once per round, `concurrency` at a time; throws on any non-200. */
const askAll = async (baseUrl: string, token: string, questions: readonly string[], times: number) => {
  const queue = Array.from({ length: times }, () => questions).flat();
  let next = 0;
  const client = async () => {
    while (next < queue.length) {
      const question = queue[next++];
      const response = await fetch(new URL('/query/ask', baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`ask answered ${response.status}: ${body}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return queue.length;
};

const store = await openQaStore(path.resolve(positionals[0] ?? QA_DEV));
try {
  const pid = store.server.child.pid as number;
  const questions = store.questions.map((q) => q.question);
  await askAll(store.server.url, store.token, questions, 1);
  const load = os.loadavg()[0]?.toFixed(2);
  const before = threadCpu(pid);
  const started = performance.now();
  const asks = await askAll(store.server.url, store.token, questions, rounds);
  const wallS = (performance.now() - started) / 1000;
  const threads = cpuBetween(before, threadCpu(pid));
  const per = (ms: number) => round1(ms / asks);
  const total = threads.reduce((sum, thread) => sum + thread.ms, 0);
  console.log(
    `c${concurrency}: ${asks} asks, ${per(total)} ms CPU per ask (all threads), ${round1(asks / wallS)} asks/s, ` +
      `load ${load} -> ${os.loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `by thread: ${threads
      .slice(0, 8)
      .map((thread) => `${thread.name}/${thread.tid} ${per(thread.ms)}`)
      .join(', ')}`,
  );
} finally {
  await store.close();
}
