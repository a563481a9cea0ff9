/**
 * Where USE Lite's CPU goes, kernel by kernel, on an ingest's model work: every passage call a QA
 * set's ingest makes (`passageTokenLists`), batched as the embedder batches, run on one thread with
 * every WASM-backend kernel wrapped in a timer (Docent's replacements and native products included:
 * they are registered first). Prints the process CPU, the time inside kernels (the rest is the
 * graph executor's JavaScript) and the 20 costliest kernels with their calls. Not a test.
 *   node --conditions=docent-source scripts/measure-kernel-times.ts [qaDir]
 */
import * as core from '@energetic-ai/core';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { CALL_OVERHEAD_TOKENS, tokenBatches } from '../packages/adapters-local/src/embedding/token-batches.ts';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_BATCH_TOKENS,
} from '../packages/adapters-local/src/embedding/use-lite-embedder.ts';
import { loadUseLiteGraph, runUseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import type { KernelFunc } from '../packages/adapters-local/src/embedding/wasm-backend.ts';
import { passageTokenLists } from './bench/passage-tokens.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

interface KernelConfig {
  kernelName: string;
  backendName: string;
  kernelFunc: KernelFunc;
}
const tf = core as unknown as {
  getKernelsForBackend(backend: string): KernelConfig[];
  unregisterKernel(name: string, backend: string): void;
  registerKernel(config: KernelConfig): void;
};

const calls = await passageTokenLists(process.argv[2] ?? QA_DEV);
const graph = await loadUseLiteGraph();
const times = new Map<string, { ms: number; calls: number }>();
for (const kernel of tf.getKernelsForBackend('wasm')) {
  const { kernelName, kernelFunc } = kernel;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    ...kernel,
    kernelFunc: (args) => {
      const start = performance.now();
      try {
        return kernelFunc(args);
      } finally {
        const entry = times.get(kernelName) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - start;
        entry.calls += 1;
        times.set(kernelName, entry);
      }
    },
  });
}
const batches = calls.flatMap((ids) =>
  tokenBatches(
    ids.map((list) => list.length),
    DEFAULT_BATCH_SIZE,
    CALL_OVERHEAD_TOKENS,
    DEFAULT_BATCH_TOKENS,
  ).map((batch) => batch.map((i) => ids[i] as Int32Array)),
);
await runUseLiteGraph(graph, batches[0] ?? []);
times.clear();
const before = processCpuMs();
for (const batch of batches) await runUseLiteGraph(graph, batch);
const cpuMs = processCpuMs() - before;
const inKernels = [...times.values()].reduce((sum, { ms }) => sum + ms, 0);
console.log(
  `${batches.length} model calls: ${(cpuMs / 1000).toFixed(2)} CPU s, ${(inKernels / 1000).toFixed(2)} s inside kernels`,
);
for (const [name, { ms, calls: count }] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
  console.log(`${name.padEnd(16)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${String(count).padStart(6)} calls`);
