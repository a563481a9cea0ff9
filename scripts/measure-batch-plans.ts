/**
 * CPU of an ingest's model work under different batch plans (`tokenBatches` knobs), on one thread:
 * every passage call a QA set's ingest makes (`passageTokenLists`), batched by each plan and run
 * through the USE Lite graph as the embedding worker runs it, plans alternating per call (order
 * swapped every other call) so that load drifts hit all alike. Prints per plan the CPU seconds,
 * model calls and padded tokens, then the process's threads' CPU (V8's helpers included). Not a test.
 *   node --conditions=docent-source scripts/measure-batch-plans.ts [qaDir] PLAN...
 * where PLAN is maxBatch/overheadTokens/maxTokens[/callTexts], e.g. 32/24/1024 32/100/1024; with
 * callTexts, each recorded call is first cut into calls of that many texts, in order (as an
 * embedding job asking for fewer texts a call would send them), e.g. 32/100/1024/64 32/100/1024.
 */
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { tokenBatches } from '../packages/adapters-local/src/embedding/token-batches.ts';
import { loadUseLiteGraph, runUseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { passageTokenLists } from './bench/passage-tokens.ts';
import { cpuBetween, processCpuMs, threadCpu } from './bench/thread-cpu.ts';

const args = process.argv.slice(2);
const PLAN = /^\d+\/\d+\/\d+(\/\d+)?$/;
const qaDir = args[0] !== undefined && !PLAN.test(args[0]) ? (args.shift() as string) : QA_DEV;
const plans = args.map((spec) => {
  if (!PLAN.test(spec)) throw new Error(`A plan is maxBatch/overheadTokens/maxTokens[/callTexts], not ${spec}`);
  const [maxBatch, overhead, maxTokens, callTexts] = spec.split('/').map(Number);
  return {
    spec,
    maxBatch: maxBatch as number,
    overhead: overhead as number,
    maxTokens: maxTokens as number,
    callTexts: callTexts ?? Number.POSITIVE_INFINITY,
  };
});
if (plans.length === 0) throw new Error('Name at least one plan, e.g. 32/24/1024 32/100/1024');

/** The first index of each call of at most `callTexts` of `count` texts. */
const callsOf = (count: number, callTexts: number): number[] => {
  const step = Math.min(callTexts, count);
  return count === 0 ? [] : Array.from({ length: Math.ceil(count / step) }, (_, i) => i * step);
};

const calls = await passageTokenLists(qaDir);
const graph = await loadUseLiteGraph();
await runUseLiteGraph(graph, calls[0]?.slice(0, 8) ?? []);
const totals = plans.map(() => ({ ms: 0, calls: 0, padded: 0 }));
const before = threadCpu(process.pid);
for (const [c, ids] of calls.entries()) {
  const order = plans.map((_, i) => i);
  if (c % 2 === 1) order.reverse();
  for (const p of order) {
    const plan = plans[p] as (typeof plans)[number];
    const total = totals[p] as (typeof totals)[number];
    const lengths = ids.map((list) => list.length);
    const batches = callsOf(ids.length, plan.callTexts).flatMap((from) =>
      tokenBatches(lengths.slice(from, from + plan.callTexts), plan.maxBatch, plan.overhead, plan.maxTokens).map(
        (batch) => batch.map((i) => from + i),
      ),
    );
    const start = processCpuMs();
    for (const batch of batches)
      await runUseLiteGraph(
        graph,
        batch.map((i) => ids[i] as Int32Array),
      );
    total.ms += processCpuMs() - start;
    total.calls += batches.length;
    total.padded += batches.reduce(
      (sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i] ?? 0)),
      0,
    );
  }
}
const tokens = calls.flat().reduce((sum, list) => sum + list.length, 0);
console.log(`${calls.length} recorded calls, ${calls.flat().length} texts, ${tokens} tokens`);
for (const [p, plan] of plans.entries()) {
  const { ms, calls: modelCalls, padded } = totals[p] as (typeof totals)[number];
  const padding = ((padded / tokens - 1) * 100).toFixed(1);
  console.log(
    `plan ${plan.spec}: ${(ms / 1000).toFixed(2)} CPU s, ${modelCalls} model calls, ${padded} padded tokens (+${padding}%)`,
  );
}
const threads = cpuBetween(before, threadCpu(process.pid));
console.log(`threads: ${threads.map(({ name, ms }) => `${name} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
