/**
 * What embedding passages in the embedder's order saves (ADR "Ingest overheads"), replayed on one
 * thread with the worker's graph and kernels. The QA set's passage texts are recorded as the
 * embedding job makes them (`recordPassageCalls`, documents told apart by their last, short call),
 * tokenised as `UseLiteEmbedder` does for the server (dense passages to 64 tokens), then each
 * document is embedded in two plans, alternating which goes first from one document to the next so
 * that load drifts hit both alike:
 * - before: document order, calls of 64, token batches of at most 8 texts;
 * - after: each span of `ORDER_SPAN` texts sorted by token count (`passageOrder`), calls of 64, token
 *   batches of at most 32 texts and 1,024 padded tokens.
 * Prints CPU seconds, model calls and padded tokens per plan. Not a test. Usage:
 *   node scripts/measure-passage-order.ts [qaDir] [flip]    (flip 1: the other plan first)
 */
import path from 'node:path';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { tokenBatches } from '../packages/adapters-local/src/embedding/token-batches.ts';
import { modelText } from '../packages/adapters-local/src/embedding/use-lite-embedder.ts';
import { loadUseLiteGraph, runUseLiteGraph } from '../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { UseLiteTokenizer } from '../packages/adapters-local/src/embedding/use-lite-tokenizer.ts';
import { ORDER_SPAN } from '../packages/domain/src/jobs/embedded-batches.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

const CALL_TEXTS = 64;
const qaDir = path.resolve(process.argv[2] ?? QA_DEV);
const flip = Number(process.argv[3] ?? 0);

const calls = await recordPassageCalls(await loadQaSet(qaDir));
const tokenizer = await UseLiteTokenizer.load();
const documents: Int32Array[][] = [];
let current: Int32Array[] = [];
for (const call of calls) {
  current.push(...call.map((text) => tokenizer.tokenizePassage(modelText(text), 64)));
  if (call.length < CALL_TEXTS) {
    documents.push(current);
    current = [];
  }
}
if (current.length > 0) documents.push(current);

const graph = await loadUseLiteGraph();

/** The batches of token lists a document is embedded in, by plan. */
const plan = (ids: Int32Array[], ordered: boolean): Int32Array[][] => {
  const order = ids.map((_, i) => i);
  if (ordered) {
    for (let start = 0; start < ids.length; start += ORDER_SPAN) {
      const span = order.slice(start, start + ORDER_SPAN);
      span.sort((a, b) => (ids[a] as Int32Array).length - (ids[b] as Int32Array).length || a - b);
      order.splice(start, span.length, ...span);
    }
  }
  const batches: Int32Array[][] = [];
  for (let i = 0; i < order.length; i += CALL_TEXTS) {
    const call = order.slice(i, i + CALL_TEXTS).map((j) => ids[j] as Int32Array);
    const counts = call.map((list) => list.length);
    const cut = ordered ? tokenBatches(counts, 32, undefined, 1024) : tokenBatches(counts, 8);
    for (const batch of cut) batches.push(batch.map((j) => call[j] as Int32Array));
  }
  return batches;
};

await runUseLiteGraph(graph, (documents[0] ?? []).slice(0, 8));
const totals = {
  before: { ms: 0, calls: 0, padded: 0 },
  after: { ms: 0, calls: 0, padded: 0 },
};
for (const [d, ids] of documents.entries()) {
  const labels = (d + flip) % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
  for (const label of labels) {
    const batches = plan(ids, label === 'after');
    const started = processCpuMs();
    for (const batch of batches) await runUseLiteGraph(graph, batch);
    const total = totals[label];
    total.ms += processCpuMs() - started;
    total.calls += batches.length;
    total.padded += batches.reduce((sum, b) => sum + b.length * Math.max(...b.map((list) => list.length)), 0);
  }
}
const texts = documents.reduce((sum, d) => sum + d.length, 0);
const tokens = documents.flat().reduce((sum, list) => sum + list.length, 0);
console.log(`${path.basename(qaDir)}: ${documents.length} documents, ${texts} texts, ${tokens} tokens`);
for (const [label, total] of Object.entries(totals)) {
  console.log(
    `${label}: ${(total.ms / 1000).toFixed(2)} CPU s, ${total.calls} model calls, ${total.padded} padded tokens (+${((total.padded / tokens - 1) * 100).toFixed(1)}%)`,
  );
}
console.log(`after / before CPU: ${(totals.after.ms / totals.before.ms).toFixed(3)}`);
