/**
 * Throughput of the offline default embedder on real text: 200 passages of ~800 characters from the
 * qa-dev manual pages, on a pool of N worker threads (default 1). Not a test. Run:
 * `node packages/adapters-local/src/embedding/measure-embedder.ts [workers]`.
 */
import { samplePassages } from './sample-passages.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

const PASSAGES = 200;

const workers = Number(process.argv[2] ?? 1);
const embedder = new UseLiteEmbedder({ workers });
const passages = samplePassages(PASSAGES);
const meanChars = passages.reduce((sum, passage) => sum + passage.length, 0) / passages.length;

let start = performance.now();
// One text per worker, so every worker has loaded its model before the timed run.
await embedder.embed(Array.from({ length: workers * 8 }, (_, i) => `warm up ${i}`));
const loadMs = performance.now() - start;

start = performance.now();
const cpuBefore = process.cpuUsage();
await embedder.embed(passages);
const seconds = (performance.now() - start) / 1000;
// Process-wide user + system time, worker threads included: on a busy machine the wall time says
// little, but CPU seconds per passage show whether a second worker adds work or only contention.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

start = performance.now();
await embedder.embed(['how do I detach from a tmux session'], { purpose: 'query' });
const queryMs = performance.now() - start;
await embedder.close();

// maxRSS covers the whole process, the worker thread's model and WASM heap included (KiB on Linux).
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`${workers} worker(s): model load + first call: ${loadMs.toFixed(0)} ms`);
console.log(
  `${PASSAGES} passages (mean ${meanChars.toFixed(0)} chars) in ${seconds.toFixed(2)} s: ${(PASSAGES / seconds).toFixed(1)} passages/s`,
);
console.log(
  `CPU: ${cpuSeconds.toFixed(1)} s (${(cpuSeconds / seconds).toFixed(2)} cores busy), ${(PASSAGES / cpuSeconds).toFixed(1)} passages per CPU-second`,
);
console.log(`one query: ${queryMs.toFixed(1)} ms`);
console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB`);
