/**
 * What USE Lite costs per token, by text length and batch size: the graph run on one thread with
 * the worker's kernels, on real token ids (qa-dev windows that reach the model's 128 tokens, cut to
 * each length), every (length, batch size) pair once per round, rounds interleaved so that load
 * drifts hit all pairs alike. Prints the median CPU ms per text and per token, and a least-squares
 * split of a call's CPU into a cost per call, per text, per token and per token squared (attention
 * grows with the square of a text's length), and the CPU of V8's helper threads per call. Not a test. Usage:
 *   node scripts/measure-embedder-lengths.ts [lengths] [batch sizes] [rounds]
 *   node scripts/measure-embedder-lengths.ts 16,32,64,96,128 1,8,16 5
 *   node scripts/measure-embedder-lengths.ts 8,16,32,64,128 1,2,4,8,16,32 3     (the fit's grid)
 */
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { loadUseLiteGraph, runUseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { MAX_TOKENS, UseLiteTokenizer } from '../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { cpuBetween, processCpuMs, threadCpu } from './bench/thread-cpu.ts';
import { leastSquares } from './least-squares.ts';

const list = (arg: string | undefined, fallback: string): number[] => (arg ?? fallback).split(',').map(Number);
const lengths = list(process.argv[2], '16,32,64,96,128');
const sizes = list(process.argv[3], '1,8,16');
const rounds = Number(process.argv[4] ?? 5);

const tokenizer = await UseLiteTokenizer.load();
const full = (await recordPassageCalls(await loadQaSet(QA_DEV)))
  .flat()
  .map((text) => tokenizer.tokenize(text))
  .filter((ids) => ids.length === MAX_TOKENS);
const graph = await loadUseLiteGraph();

await runUseLiteGraph(graph, full.slice(0, 8));
const perText = new Map<string, number[]>();
// One row per call: [calls, texts, tokens, texts x tokens^2 / 1000] and its CPU ms, each divided by
// the call's expected cost so that small calls (where the per-call cost shows) weigh as much as big ones.
const design: number[][] = [];
const observed: number[] = [];
const threadsBefore = threadCpu(process.pid);
for (let round = 0; round < rounds; round++) {
  for (const length of lengths) {
    for (const size of sizes) {
      const lists = Array.from({ length: size }, (_, i) =>
        (full[(round * 31 + i * 7 + length) % full.length] as Int32Array).slice(0, length),
      );
      const start = processCpuMs();
      await runUseLiteGraph(graph, lists);
      const key = `${length} tokens, batch ${size}`;
      const ms = processCpuMs() - start;
      perText.set(key, [...(perText.get(key) ?? []), ms / size]);
      const weight = 1 / (10 + 0.32 * size * length);
      design.push([1, size, size * length, (size * length * length) / 1000].map((x) => x * weight));
      observed.push(ms * weight);
    }
  }
}
// V8's helper threads (concurrent and parallel GC, compilation) work for this thread's calls.
const helperMs = cpuBetween(threadsBefore, threadCpu(process.pid))
  .filter((thread) => thread.name === 'V8Worker')
  .reduce((sum, thread) => sum + thread.ms, 0);
console.log(`${full.length} qa-dev windows of ${MAX_TOKENS} tokens cut to each length; median of ${rounds} rounds`);
for (const [key, values] of perText) {
  const median = values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(`${key}: ${median.toFixed(2)} ms/text, ${(median / Number(key.split(' ')[0])).toFixed(3)} ms/token`);
}
console.log(`V8 helper threads: ${(helperMs / observed.length).toFixed(2)} ms of CPU per call, besides the calls' own`);
// Four terms need at least two lengths and two batch sizes to tell apart.
if (lengths.length > 1 && sizes.length > 1) {
  const [perCall, perTextMs, perToken, perKiloTokenSquared] = leastSquares(design, observed);
  console.log(
    `least squares over ${observed.length} calls: ${perCall?.toFixed(2)} ms per call + ${perTextMs?.toFixed(3)} ms per text` +
      ` + ${perToken?.toFixed(4)} ms per token + ${perKiloTokenSquared?.toFixed(4)} ms per 1,000 (tokens^2 of a text)`,
  );
}
