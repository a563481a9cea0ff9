/**
 * CPU per passage text in the embedding worker pool, as the server computes it, for pool sizes and
 * embedder settings side by side. Records the passage `embed` calls an ingest of a QA set makes
 * (`recordPassageCalls`: real composition, model-free embedder), then replays every `step`-th call
 * through a real `UseLiteEmbedder` once per variant, variants alternating in rounds so that load
 * drifts hit all alike. Each variant starts fresh: its workers' model load and first batch are
 * reported apart from the steady state. CPU is read per thread from /proc (the `embedding` threads;
 * "all" adds this process's other threads: tokenising, batching). Not a test. Usage:
 *   node scripts/measure-embedding-pool.ts [qaDir] [--step N] [--rounds N] VARIANT...
 * where VARIANT is `workers=<n>[,denseTokens=<n>][,batchSize=<n>]`, e.g.
 *   node scripts/measure-embedding-pool.ts ../shared/qa-dev --step 3 workers=1 workers=2
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { UseLiteEmbedder, type UseLiteEmbedderOptions } from '@docent/adapters-local';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { cpuBetween, threadCpu } from './bench/thread-cpu.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args.splice(at, 2)[1]);
};
const step = option('--step', 3);
const rounds = option('--rounds', 1);
const qaDir = path.resolve(args[0]?.includes('=') ? QA_DEV : (args.shift() ?? QA_DEV));
const variants = (args.length > 0 ? args : ['workers=1', 'workers=2']).map((spec) => ({
  spec,
  options: Object.fromEntries(
    spec
      .split(',')
      .map((pair) => pair.split('='))
      .map(([k, v]) => [k, Number(v)]),
  ),
}));

const calls = (await recordPassageCalls(await loadQaSet(qaDir))).filter((_, i) => i % step === 0);
const texts = calls.reduce((sum, call) => sum + call.length, 0);
const embeddingMs = (threads: ReturnType<typeof cpuBetween>): number =>
  threads.filter((t) => t.name === 'embedding').reduce((sum, t) => sum + t.ms, 0);
const allMs = (threads: ReturnType<typeof cpuBetween>): number => threads.reduce((sum, t) => sum + t.ms, 0);

console.log(`${path.basename(qaDir)}: ${calls.length} calls (every ${step}th), ${texts} texts per run`);
console.log('variant | model load + first batch, CPU s | embedding ms/text | all threads ms/text | wall s | load');
for (let round = 0; round < rounds; round++) {
  for (const { spec, options } of variants) {
    const embedder = new UseLiteEmbedder(options as UseLiteEmbedderOptions);
    try {
      const start = threadCpu(process.pid);
      const workers = (options.workers as number | undefined) ?? 1;
      // One batch per worker: every worker loads its model before the measured part.
      await embedder.embed(Array.from({ length: 8 * workers }, (_, i) => `The model loads on batch ${i}.`));
      const loaded = threadCpu(process.pid);
      const started = performance.now();
      for (const call of calls) await embedder.embed(call, { purpose: 'passage' });
      const wallS = (performance.now() - started) / 1000;
      // Read before close: a worker's CPU time leaves /proc with its thread.
      const steady = cpuBetween(loaded, threadCpu(process.pid));
      const load = cpuBetween(start, loaded);
      console.log(
        [
          spec,
          (embeddingMs(load) / 1000).toFixed(2),
          (embeddingMs(steady) / texts).toFixed(2),
          (allMs(steady) / texts).toFixed(2),
          wallS.toFixed(1),
          loadavg()[0]?.toFixed(1),
        ].join(' | '),
      );
    } finally {
      await embedder.close();
    }
  }
}
