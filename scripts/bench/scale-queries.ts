/**
 * The query half of the scale benchmark, run in its own process so its RSS is a serving
 * process's, not the builder's: opens the store built by `scale.ts`, asks every question
 * (query embedding + dense search + BM25 search, 100 candidates each, and the question's term
 * statistics, as the retriever asks),
 * then reopens the store with exact search only and measures the approximate index's recall@10
 * against it. Prints one JSON line. Usage (from scale.ts):
 *   node scripts/bench/scale-queries.ts <dataDir> <questions.json> <hashing|use-lite>
 */
import { readFileSync } from 'node:fs';
import { openLocalStore } from '@docent/adapters-local';
import type { Embedder } from '@docent/domain';
import { analyzeText, systemClock } from '@docent/domain';
import { createBenchEmbedder } from './bench-embedder.ts';
import { percentile } from './bench-support.ts';

/** What the child reports. */
export interface QueryFigures {
  askP50Ms: number;
  askP95Ms: number;
  lexicalP95Ms: number;
  vectorP95Ms: number;
  firstAskMs: number;
  /** From opening the store until its start-up work (graphs, common-term counts) was done. */
  warmUpMs: number;
  rssMiB: number;
  /** Resident memory after the questions: the process's own (anonymous) and mapped files (page cache). */
  rssAnonMiB: number;
  rssFileMiB: number;
  recallAt10: number;
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

const open = (approximate: boolean) =>
  openLocalStore({
    dataDir,
    dimensions: embedder.dimensions,
    clock: systemClock,
    sessionTtlMs: 60_000,
    ...(approximate ? {} : { approximateSearch: false as const }),
  });

const opening = performance.now();
let store = open(true);
let warmUpMs = 0;
const ask: number[] = [];
const lexical: number[] = [];
const dense: number[] = [];
const approximateTop: string[][] = [];
let firstAskMs = 0;
for (const [i, question] of questions.entries()) {
  const started = performance.now();
  const [vector] = await embedder.embed([question], { purpose: 'query' });
  const denseStart = performance.now();
  const hits = await store.VectorIndex.search({ ownerId: OWNER, vector: vector as Float32Array, limit: CANDIDATES });
  const lexicalStart = performance.now();
  await store.LexicalIndex.search({ ownerId: OWNER, text: question, limit: CANDIDATES });
  // The retriever also weighs the question's terms by rarity, from the lexical index's counts.
  await store.LexicalIndex.termStatistics(OWNER, analyzeText(question));
  const done = performance.now();
  approximateTop.push(hits.slice(0, 10).map((hit) => hit.chunkId));
  if (i === 0) {
    firstAskMs = done - started;
    // The first question met a cold store; the rest are timed once its start-up work is done.
    await store.warmedUp();
    warmUpMs = performance.now() - opening;
  }
  if (i < WARM_UP) continue;
  ask.push(done - started);
  dense.push(lexicalStart - denseStart);
  lexical.push(done - lexicalStart);
}
const rssMiB = process.resourceUsage().maxRSS / 1024;
const rssAnonMiB = statusMiB('RssAnon');
const rssFileMiB = statusMiB('RssFile');
store.close();

store = open(false);
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

for (const values of [ask, lexical, dense]) values.sort((a, b) => a - b);
const figures: QueryFigures = {
  askP50Ms: percentile(ask, 50),
  askP95Ms: percentile(ask, 95),
  lexicalP95Ms: percentile(lexical, 95),
  vectorP95Ms: percentile(dense, 95),
  firstAskMs,
  warmUpMs,
  rssMiB,
  rssAnonMiB,
  rssFileMiB,
  recallAt10: wanted === 0 ? 1 : found / wanted,
};
console.log(JSON.stringify(figures));
