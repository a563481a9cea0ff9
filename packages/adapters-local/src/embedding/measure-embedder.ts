/**
 * Throughput of the offline default embedder on real text: 200 passages of ~800 characters from the
 * qa-dev manual pages. Not a test. Run: `node packages/adapters-local/src/embedding/measure-embedder.ts`.
 */
import { samplePassages } from './sample-passages.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

const PASSAGES = 200;

const embedder = new UseLiteEmbedder();
const passages = samplePassages(PASSAGES);
const meanChars = passages.reduce((sum, passage) => sum + passage.length, 0) / passages.length;

let start = performance.now();
await embedder.embed(['warm up']);
const loadMs = performance.now() - start;

start = performance.now();
await embedder.embed(passages);
const seconds = (performance.now() - start) / 1000;

start = performance.now();
await embedder.embed(['how do I detach from a tmux session'], { purpose: 'query' });
const queryMs = performance.now() - start;
await embedder.close();

// maxRSS covers the whole process, the worker thread's model and WASM heap included (KiB on Linux).
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`model load + first call: ${loadMs.toFixed(0)} ms`);
console.log(
  `${PASSAGES} passages (mean ${meanChars.toFixed(0)} chars) in ${seconds.toFixed(2)} s: ${(PASSAGES / seconds).toFixed(1)} passages/s`,
);
console.log(`one query: ${queryMs.toFixed(1)} ms`);
console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB`);
