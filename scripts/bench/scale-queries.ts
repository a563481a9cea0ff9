/**
 * The query half of the scale benchmark, run in its own process so its RSS is a serving
 * process's, not the builder's. It is laid out as `docent serve` is: this thread opens the store
 * and holds the approximate vector index, as the server's thread does; an ask worker thread
 * (scale-ask-worker.ts) opens its own connection and gets each question's candidates with the
 * retriever's own `searchCandidates` (query embedding + dense search + BM25 search, 100 candidates
 * each, and the question's term statistics), borrowing the embedding and the large owner's dense
 * search from this thread, so the dense search runs here while BM25 runs there. That is "ask".
 * Each question is also asked on this thread alone, one search after another ("serial"), to time
 * the dense and BM25 parts by themselves (wall time, and the thread's CPU time, which a busy
 * machine distorts less). The first question meets a cold store (timed on its own); the rest are
 * asked once the store's start-up work is done (`warmedUp`), the next two untimed. Then the store
 * is reopened with exact search only for the dense ranking's recall@10. `DOCENT_ANN_*` settings
 * are read as the server reads them; `DOCENT_BENCH_LEXICAL_AT_ONCE=1` starts BM25 while the question
 * is embedded (the retriever's default) instead of after (the ask workers'). Prints one JSON line.
 * Usage (from scale.ts):
 *   node scripts/bench/scale-queries.ts <dataDir> <questions.json> <hashing|use-lite>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openLocalStore } from '@docent/adapters-local';
import type { Embedder, VectorQuery } from '@docent/domain';
import { analyzeText, systemClock } from '@docent/domain';
import { z } from 'zod';
import type { FromWorker, ToWorker } from '../../apps/local-server/src/ask-pool/ask-worker-protocol.ts';
import { toErrorData } from '../../apps/local-server/src/ask-pool/error-data.ts';
import { prewarmBytes, prewarmSchema } from '../../apps/local-server/src/prewarm-config.ts';
import { vectorSearchConfig, vectorSearchSchema } from '../../apps/local-server/src/vector-search-config.ts';
import { createBenchEmbedder } from './bench-embedder.ts';
import { percentile, storageReadMiB } from './bench-support.ts';
import type { FromScaleWorker, ScaleWorkerData, ToScaleWorker } from './scale-ask-worker.ts';

/** What the child reports. */
export interface QueryFigures {
  /** As served: the ask worker's candidates, dense search on this thread while BM25 runs there. */
  askP50Ms: number;
  askP95Ms: number;
  /** The same searches one after another on one thread. */
  askSerialP50Ms: number;
  askSerialP95Ms: number;
  /** BM25 search + term statistics, and the dense search, each alone (wall, then thread CPU). */
  lexicalP95Ms: number;
  vectorP95Ms: number;
  lexicalCpuP95Ms: number;
  vectorCpuP95Ms: number;
  /** CPU per served ask, both threads (the worker's and this thread's borrowed calls). */
  askCpuP50Ms: number;
  /** Share of the shorter of BM25 and the dense search that ran while the other did (p50 over asks). */
  overlapP50: number;
  firstAskMs: number;
  /** From opening the store until its start-up work (graphs, common-term counts) was done. */
  warmUpMs: number;
  rssMiB: number;
  /** Resident memory after the questions: the process's own (anonymous) and mapped files (page cache). */
  rssAnonMiB: number;
  rssFileMiB: number;
  recallAt10: number;
  /** The search expansion the graph was searched with. */
  expansionSearch: number;
  /** The store's pre-read at open (`DOCENT_PREWARM_MIB`): MiB read and how long it took. */
  prewarmMiB: number;
  prewarmMs: number;
  /**
   * MiB this process read from storage (not the page cache; /proc/self/io) from opening the store
   * until it was warm (first question, graph CRC, pre-read), and during the timed questions: what
   * a cold page cache costs, whatever the machine's load.
   */
  openReadMiB: number;
  askReadMiB: number;
}

/** A `kB` line of /proc/self/status in MiB (0 where there is no /proc). */
const statusMiB = (field: string): number => {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return Number(match?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
const threadCpuMs = (): number => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/** Questions not timed: the first meets the cold store, the next two a cold page cache. */
const WARM_UP = 3;
/** Candidates per ranker, as the retriever asks (docs/retrieval.md, "candidate depth"). */
const CANDIDATES = 100;
const OWNER = 'bench-owner';
/** Questions checked against the exact scan (seconds each at 100k chunks, so not all of them). */
const RECALL_QUESTIONS = 30;

const [dataDir, questionsFile, embedderName] = process.argv.slice(2);
if (dataDir === undefined || questionsFile === undefined)
  throw new Error('usage: scale-queries.ts <dataDir> <questions.json> <embedder>');
const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as string[];
const embedder: Embedder & { close?: () => Promise<void> } = createBenchEmbedder(
  embedderName === 'use-lite' ? 'use-lite' : 'hashing',
);
const vectors = await embedder.embed(questions, { purpose: 'query' });
const approximate = vectorSearchConfig(z.object(vectorSearchSchema).parse(process.env));
if (approximate === false)
  throw new Error('scale-queries.ts measures the approximate index (DOCENT_VECTOR_SEARCH=auto)');
// As the server pre-reads its store (DOCENT_PREWARM_MIB; 0 to compare without).
const prewarm = { budgetBytes: prewarmBytes(z.object(prewarmSchema).parse(process.env)) };
const open = (exact = false) =>
  openLocalStore({
    dataDir,
    dimensions: embedder.dimensions,
    clock: systemClock,
    sessionTtlMs: 60_000,
    approximateSearch: exact ? false : approximate,
    prewarm: exact ? { budgetBytes: 0 } : prewarm,
  });

const opening = performance.now();
const readAtOpen = storageReadMiB();
let store = open();
/** This thread's CPU spent on the worker's borrowed calls since the last served ask began. */
let borrowedCpuMs = 0;
/** When the last dense search for the worker ran (`timeOrigin`-based ms). */
let denseSpan = { from: 0, to: 0 };
const now = () => performance.timeOrigin + performance.now();
const worker = new Worker(path.join(import.meta.dirname, 'scale-ask-worker.ts'), {
  workerData: {
    dataDir,
    ownerId: OWNER,
    dimensions: embedder.dimensions,
    candidates: CANDIDATES,
    approximateFrom: approximate.minVectors,
    // As the server's ask workers ask (ask-worker.ts); DOCENT_BENCH_LEXICAL_AT_ONCE=1 to compare.
    lexicalAfterEmbedding: process.env.DOCENT_BENCH_LEXICAL_AT_ONCE !== '1',
  } satisfies ScaleWorkerData,
});
const replies = new Map<string, (message: FromScaleWorker) => void>();
const expect = (key: string) => new Promise<FromScaleWorker>((resolve) => replies.set(key, resolve));
const post = (message: ToScaleWorker) => worker.postMessage(message);
worker.on('message', async (message: FromScaleWorker | FromWorker) => {
  if (message.type === 'call') {
    // The server's thread answers its workers' embedder and vector calls (ask-worker-pool.ts).
    const cpu = threadCpuMs();
    try {
      const [first, second] = message.args;
      const from = now();
      const value =
        message.port === 'vectors'
          ? await store.VectorIndex.search(first as VectorQuery)
          : await embedder.embed(first as string[], second as Parameters<Embedder['embed']>[1]);
      if (message.port === 'vectors') denseSpan = { from, to: now() };
      post({ type: 'returned', call: message.call, value } satisfies ToWorker);
    } catch (error) {
      post({ type: 'threw', call: message.call, error: toErrorData(error) } satisfies ToWorker);
    }
    borrowedCpuMs += threadCpuMs() - cpu;
    return;
  }
  // Nothing else of the server's protocol is sent by this worker.
  const reply = message as FromScaleWorker;
  const key = reply.type === 'searched' ? `searched-${reply.id}` : reply.type;
  replies.get(key)?.(reply);
  replies.delete(key);
});
worker.on('error', (error) => {
  throw error;
});
await expect('ready');

/** One question as the server's ask worker gets its candidates. */
const served = async (id: number, question: string) => {
  borrowedCpuMs = 0;
  const reply = expect(`searched-${id}`);
  post({ type: 'search', id, question });
  const searched = (await reply) as Extract<FromScaleWorker, { type: 'searched' }>;
  const { lexical } = searched;
  const shared = Math.max(0, Math.min(lexical.to, denseSpan.to) - Math.max(lexical.from, denseSpan.from));
  const shorter = Math.min(lexical.to - lexical.from, denseSpan.to - denseSpan.from);
  return { ...searched, cpuMs: searched.cpuMs + borrowedCpuMs, overlap: shorter > 0 ? shared / shorter : 0 };
};

/** The same searches one after another on this thread, each timed. */
const serial = async (question: string) => {
  const started = performance.now();
  const [vector] = await embedder.embed([question], { purpose: 'query' });
  const dense = { at: performance.now(), cpu: threadCpuMs() };
  await store.VectorIndex.search({ ownerId: OWNER, vector: vector as Float32Array, limit: CANDIDATES });
  const lexical = { at: performance.now(), cpu: threadCpuMs() };
  await store.LexicalIndex.search({ ownerId: OWNER, text: question, limit: CANDIDATES });
  // The retriever also weighs the question's terms by rarity, from the lexical index's counts.
  await store.LexicalIndex.termStatistics(OWNER, analyzeText(question));
  const done = { at: performance.now(), cpu: threadCpuMs() };
  return {
    ms: done.at - started,
    denseMs: lexical.at - dense.at,
    denseCpu: lexical.cpu - dense.cpu,
    lexicalMs: done.at - lexical.at,
    lexicalCpu: done.cpu - lexical.cpu,
  };
};

const figures = {
  ask: [],
  askCpu: [],
  overlap: [],
  serialAsk: [],
  dense: [],
  denseCpu: [],
  lexical: [],
  lexicalCpu: [],
} as Record<string, number[]>;
const push = (key: string, value: number) => figures[key]?.push(value);
const approximateTop: string[][] = [];
let firstAskMs = 0;
let warmUpMs = 0;
let readWhenWarm = 0;
for (const [i, question] of questions.entries()) {
  const ask = await served(i, question);
  approximateTop.push(ask.denseTop);
  if (i === 0) {
    firstAskMs = ask.ms;
    // The first question met a cold store; the rest are asked once its start-up work is done.
    const workerWarm = expect('warm');
    post({ type: 'warm' });
    await Promise.all([store.warmedUp(), workerWarm]);
    warmUpMs = performance.now() - opening;
    readWhenWarm = storageReadMiB();
  }
  const alone = await serial(question);
  if (i < WARM_UP) continue;
  push('ask', ask.ms);
  push('askCpu', ask.cpuMs);
  push('overlap', ask.overlap);
  push('serialAsk', alone.ms);
  push('dense', alone.denseMs);
  push('denseCpu', alone.denseCpu);
  push('lexical', alone.lexicalMs);
  push('lexicalCpu', alone.lexicalCpu);
}
const askReadMiB = storageReadMiB() - readWhenWarm;
const prewarmed = await store.prewarmed();
const rssMiB = process.resourceUsage().maxRSS / 1024;
const rssAnonMiB = statusMiB('RssAnon');
const rssFileMiB = statusMiB('RssFile');
await worker.terminate();
store.close();

store = open(true);
let found = 0;
let wanted = 0;
for (const [i, vector] of vectors.slice(0, RECALL_QUESTIONS).entries()) {
  const exact = await store.VectorIndex.search({ ownerId: OWNER, vector: vector as Float32Array, limit: CANDIDATES });
  const top = new Set(exact.slice(0, 10).map((hit) => hit.chunkId));
  wanted += top.size;
  found += (approximateTop[i] ?? []).filter((id) => top.has(id)).length;
}
store.close();
await embedder.close?.();

for (const values of Object.values(figures)) values.sort((a, b) => a - b);
const at = (key: string, p: number) => percentile(figures[key] ?? [], p);
console.log(
  JSON.stringify({
    askP50Ms: at('ask', 50),
    askP95Ms: at('ask', 95),
    askSerialP50Ms: at('serialAsk', 50),
    askSerialP95Ms: at('serialAsk', 95),
    lexicalP95Ms: at('lexical', 95),
    vectorP95Ms: at('dense', 95),
    lexicalCpuP95Ms: at('lexicalCpu', 95),
    vectorCpuP95Ms: at('denseCpu', 95),
    askCpuP50Ms: at('askCpu', 50),
    overlapP50: at('overlap', 50),
    firstAskMs,
    warmUpMs,
    rssMiB,
    rssAnonMiB,
    rssFileMiB,
    recallAt10: wanted === 0 ? 1 : found / wanted,
    expansionSearch: approximate.expansionSearch ?? 0,
    prewarmMiB: prewarmed.bytes / 2 ** 20,
    prewarmMs: prewarmed.ms,
    openReadMiB: readWhenWarm - readAtOpen,
    askReadMiB,
  } satisfies QueryFigures),
);
