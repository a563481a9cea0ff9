/**
 * What the store's pre-read at open costs (docs/adr/0030-warm-start.md): opens a kept store with the
 * given budget, no questions, waits for the pre-read and prints its report with this process's CPU
 * time and the MiB it read from storage (/proc/self/io). `--cold` drops the store's files from the
 * page cache first (Linux), as after a restart.
 *   node --conditions=docent-source scripts/bench/prewarm-cost.ts <dataDir> <MiB> [--cold]
 */
import { openLocalStore } from '@docent/adapters-local';
import { systemClock } from '@docent/domain';
import { createBenchEmbedder } from './bench-embedder.ts';
import { storageReadMiB } from './bench-support.ts';
import { evictFromPageCache } from './evict-page-cache.ts';

const [dataDir, mib] = process.argv.slice(2);
if (dataDir === undefined || mib === undefined) throw new Error('usage: prewarm-cost.ts <dataDir> <MiB> [--cold]');
if (process.argv.includes('--cold')) await evictFromPageCache(dataDir);
// The store's vector width (the bench embedders' 512).
const { dimensions } = createBenchEmbedder('hashing');
const read = storageReadMiB();
const cpu = process.cpuUsage();
const thread = process.threadCpuUsage();
// No approximate index: its graph CRC would read the graph files too; this times the pre-read alone.
const store = openLocalStore({
  dataDir,
  dimensions,
  clock: systemClock,
  sessionTtlMs: 60_000,
  approximateSearch: false,
  prewarm: { budgetBytes: Number(mib) * 2 ** 20 },
});
const report = await store.prewarmed();
const used = process.cpuUsage(cpu);
const main = process.threadCpuUsage(thread);
store.close();
console.log(
  JSON.stringify({
    prewarmMiB: +(report.bytes / 2 ** 20).toFixed(1),
    ms: Math.round(report.ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    // The event loop's share; the rest is libuv's thread pool (the reads themselves).
    mainThreadCpuMs: Math.round((main.user + main.system) / 1000),
    storageReadMiB: +(storageReadMiB() - read).toFixed(1),
    wholeFile: report.wholeFile,
    ended: report.ended,
    btrees: report.btrees.map((b) => `${b.name} ${b.pages}${b.complete ? '' : ' (cut)'}`),
  }),
);
