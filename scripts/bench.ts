/**
 * `npm run bench`: the figures of issue 14 in one run, printed and, with `--json FILE`, written as
 * JSON (`BenchReport`):
 * - ingest: the QA set's documents through the real server (upload -> searchable -> ready, stage
 *   times, cores used) against the LangChain.js-style peer on the same text with the same embedder;
 * - ask: POST /query/ask under autocannon at concurrency 1, 8 and 32 on an ingested QA store;
 * - scale: build time, disk, RSS, ask p50/p95, vector recall@10 and BM25 p95 on synthetic corpora;
 * - cost: AWS USD per 1,000 questions and per 1,000 pages from counts measured on the QA store.
 * Usage:
 *   npm run bench [-- <qa-set-dir>] [--json FILE] [--scale 10000,100000,1000000] [--skip ingest,ask,scale,cost]
 *     [--ingest-rounds N]   (default 3: the ingest's figures are those of the round of median ratio)
 * The servers take the caller's DOCENT_* settings (USE Lite by default; the scale curve always
 * uses the `hashing` embedder). `DOCENT_BENCH_QA_DATA_DIR=<dir>` builds the QA store of the ask and
 * cost parts in that directory once and reuses it on later runs (see `openQaStore`).
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { benchAsk } from './bench/ask.ts';
import { AWS_ASSUMPTIONS, AWS_PRICES } from './bench/aws-prices.ts';
import { type BenchReport, formatReport } from './bench/bench-report.ts';
import { round1, serverEnv } from './bench/bench-support.ts';
import { measureCostCounts } from './bench/cost-counts.ts';
import { costPerThousandPages, costPerThousandQuestions, openSearchFloorPerMonth } from './bench/cost-model.ts';
import { benchIngest } from './bench/ingest.ts';
import { openQaStore } from './bench/qa-store.ts';
import { benchScale } from './bench/scale.ts';

const PARTS = ['ingest', 'ask', 'scale', 'cost'] as const;
const CONCURRENCIES = [1, 8, 32];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'string' },
    scale: { type: 'string', default: '10000,100000' },
    skip: { type: 'string', default: '' },
    'ingest-rounds': { type: 'string', default: '3' },
  },
});
const skip = new Set((values.skip ?? '').split(',').filter(Boolean));
for (const part of skip) {
  if (!(PARTS as readonly string[]).includes(part))
    throw new Error(`--skip: unknown part ${part} (${PARTS.join(', ')})`);
}
const runs = (part: (typeof PARTS)[number]) => !skip.has(part);
const sizes = (values.scale ?? '').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`--scale: positive whole numbers, got ${values.scale}`);
const ingestRounds = Number(values['ingest-rounds']);
if (!Number.isInteger(ingestRounds) || ingestRounds < 1)
  throw new Error(`--ingest-rounds: a positive whole number, got ${values['ingest-rounds']}`);
const qaDir = path.resolve(positionals[0] ?? QA_DEV);
const loadAverage = () => os.loadavg().map((value) => Math.round(value * 100) / 100);
const progress = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const report: BenchReport = {
  startedAt: new Date().toISOString(),
  commit: execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim(),
  machine: {
    cores: os.availableParallelism(),
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: loadAverage(),
  },
  qaDir,
};

if (runs('ingest')) {
  progress(`ingest: Docent, then the peer, ${ingestRounds} round(s)`);
  report.ingest = await benchIngest(qaDir, { env: serverEnv(), log: progress, rounds: ingestRounds });
}
if (runs('ask') || runs('cost')) {
  progress('ask/cost: ingesting the QA store');
  const store = await openQaStore(qaDir);
  try {
    report.qaStore = {
      readyS: round1(store.ingest.readyMs / 1000),
      searchableS: round1(store.ingest.searchableMs / 1000),
      chunks: store.ingest.documents.reduce((sum, d) => sum + (d.chunkCount ?? 0), 0),
    };
    if (runs('ask')) {
      progress('ask: concurrency 1, 8, 32');
      const questions = store.questions.map((q) => q.question);
      report.ask = await benchAsk(store.server.url, store.token, questions, CONCURRENCIES);
    }
    if (runs('cost')) {
      progress('cost: counting tokens and requests');
      const counts = await measureCostCounts(store);
      report.cost = {
        pricesAsOf: AWS_PRICES.asOf,
        region: AWS_PRICES.region,
        per1000Questions: costPerThousandQuestions(counts.questions, AWS_PRICES, AWS_ASSUMPTIONS),
        per1000Pages: costPerThousandPages(counts.ingest, AWS_PRICES, AWS_ASSUMPTIONS),
        openSearchFloorUsdPerMonth: openSearchFloorPerMonth(AWS_PRICES, AWS_ASSUMPTIONS),
        counts,
      };
    }
  } finally {
    await store.close();
  }
}
if (runs('scale')) {
  report.scale = [];
  for (const size of sizes) {
    progress(`scale: ${size} chunks`);
    report.scale.push(...(await benchScale([size])));
  }
}
report.machine.loadAverageAtEnd = loadAverage();
report.finishedAt = new Date().toISOString();
console.log(formatReport(report));
if (values.json !== undefined) {
  await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  progress(`wrote ${values.json}`);
}
