/**
 * What a USE Lite model call costs besides its tokens, on one thread as the embedding worker runs
 * the graph: 64 synthetic texts of 16, 64 and 128 tokens, embedded 1, 2, 4 ... 64 to a call; prints
 * the least CPU ms per text over three rounds for each. The fixed cost of a call is the difference
 * between one text a call and many; `CALL_OVERHEAD_TOKENS` is that cost in tokens. Not a test.
 *   node --conditions=docent-source scripts/measure-call-cost.ts
 */
import { loadUseLiteGraph, runUseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

const TEXTS = 64;
const graph = await loadUseLiteGraph();
// Ids spread over the vocabulary, different for every text.
const text = (length: number, seed: number): Int32Array =>
  Int32Array.from({ length }, (_, i) => 100 + ((seed * 31 + i * 7) % 7000));

for (const length of [16, 64, 128]) {
  const texts = Array.from({ length: TEXTS }, (_, i) => text(length, i));
  await runUseLiteGraph(graph, texts.slice(0, 8));
  const line: string[] = [];
  for (let perCall = 1; perCall <= TEXTS; perCall *= 2) {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const start = processCpuMs();
      for (let i = 0; i < TEXTS; i += perCall) await runUseLiteGraph(graph, texts.slice(i, i + perCall));
      best = Math.min(best, processCpuMs() - start);
    }
    line.push(`${perCall}: ${(best / TEXTS).toFixed(2)}`);
  }
  console.log(`${length} tokens a text, CPU ms a text by texts a call: ${line.join(', ')}`);
}
