/**
 * Figures of issue 13's observability: what the request-latency hook costs per request, how long a
 * `/metrics` scrape and a `/ready` check take. Starts the real local server in-process twice on
 * fresh data dirs (metrics on, then off), 127.0.0.1 only, and sends sequential requests. Usage:
 *   node scripts/observability-figures.ts [requests=3000] [embedder=hashing|use-lite]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../apps/local-server/src/config.ts';
import { startLocalServer } from '../apps/local-server/src/server.ts';

const requests = Number(process.argv[2] ?? 3000);
const embedder = process.argv[3] ?? 'hashing';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Milliseconds of each of `count` sequential GETs of `route`. */
const time = async (url: string, count: number): Promise<number[]> => {
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    durations.push(performance.now() - started);
  }
  return durations;
};

const run = async (metrics: boolean) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-obs-figures-'));
  const config = loadConfig(
    {
      PORT: '0',
      DOCENT_EMBEDDER: embedder,
      DOCENT_LOG_LEVEL: 'silent',
      DOCENT_WEB: 'false',
      DOCENT_METRICS: String(metrics),
    },
    dataDir,
  );
  const server = await startLocalServer(config);
  try {
    const firstReady = performance.now();
    let readyStatus = 0;
    // The first check loads the embedder's model (the worker must also have polled once).
    for (let attempt = 0; attempt < 600 && readyStatus !== 200; attempt++) {
      readyStatus = (await fetch(`${server.url}/ready`)).status;
      if (readyStatus !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const untilReadyMs = performance.now() - firstReady;
    await time(`${server.url}/health`, 200); // warm-up
    const health = await time(`${server.url}/health`, requests);
    const ready = await time(`${server.url}/ready`, 200);
    const scrape = metrics ? await time(`${server.url}/metrics`, 200) : [];
    const bytes = metrics ? (await (await fetch(`${server.url}/metrics`)).text()).length : 0;
    return { untilReadyMs, health: median(health), ready: median(ready), scrape: median(scrape), bytes };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
};

// Alternated and repeated, so JIT warm-up and a busy neighbour do not favour one side.
type Run = Awaited<ReturnType<typeof run>>;
const offRuns: Run[] = [];
const onRuns: Run[] = [];
for (let round = 0; round < 2; round++) {
  offRuns.push(await run(false));
  onRuns.push(await run(true));
}
const best = (from: Run[], key: 'health' | 'ready' | 'scrape' | 'untilReadyMs') => Math.min(...from.map((r) => r[key]));
const off = { health: best(offRuns, 'health') };
const on = {
  health: best(onRuns, 'health'),
  ready: best(onRuns, 'ready'),
  scrape: best(onRuns, 'scrape'),
  untilReadyMs: best(onRuns, 'untilReadyMs'),
  bytes: onRuns[0]?.bytes ?? 0,
};
const f = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`embedder ${embedder}, ${requests} sequential GET /health per run, best of 2 runs each`);
console.log(
  `GET /health median: metrics on ${f(on.health)}, off ${f(off.health)} (hook cost ${f(on.health - off.health)})`,
);
console.log(`GET /ready median (cached embedder check): ${f(on.ready)}; first 200 after start: ${f(on.untilReadyMs)}`);
console.log(`GET /metrics median: ${f(on.scrape)} for ${on.bytes} bytes`);
