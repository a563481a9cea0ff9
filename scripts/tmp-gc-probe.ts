import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { UseLiteEmbedder } from '../packages/adapters-local/src/embedding/use-lite-embedder.ts';
import { recordPassageCalls } from './bench/passage-calls.ts';
import { cpuBetween, threadCpu } from './bench/thread-cpu.ts';
const cache = '/tmp/qa-dev-calls.json';
if (!existsSync(cache)) writeFileSync(cache, JSON.stringify(await recordPassageCalls(await loadQaSet(path.resolve('../shared/qa-dev')))));
const calls: string[][] = JSON.parse(readFileSync(cache, 'utf8'));
const texts = calls.flat().slice(0, Number(process.argv[2] ?? 1200));
const embedder = new UseLiteEmbedder({ workers: 1 });
await embedder.embed(['warm up']);
const before = threadCpu(process.pid);
const t0 = performance.now();
for (let i = 0; i < texts.length; i += 256) {
  const span = texts.slice(i, i + 256);
  const order = (await embedder.passageOrder?.(span)) ?? span.map((_, k) => k);
  for (let j = 0; j < order.length; j += 64) await embedder.embed(order.slice(j, j + 64).map((k) => span[k] as string), { purpose: 'passage' });
}
const wall = performance.now() - t0;
const byName = new Map<string, number>();
for (const t of cpuBetween(before, threadCpu(process.pid))) byName.set(t.name, (byName.get(t.name) ?? 0) + t.ms);
console.log(JSON.stringify({ texts: texts.length, wallS: +(wall / 1000).toFixed(2), cpu: Object.fromEntries([...byName].map(([k, v]) => [k, +(v / 1000).toFixed(2)])) }));
await embedder.close();
