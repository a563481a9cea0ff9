/**
 * `npm run bench`: starts the real local server (as `npm start` does) on a fresh data dir, uploads
 * the qa-dev documents over HTTP, waits until all are ready, then asks every qa-dev question.
 * Prints ingest time, the server's peak RSS and ask latency percentiles. Usage:
 *   npm run bench [-- <qa-set-dir>]
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, loadQuestions, QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const qaDir = path.resolve(process.argv[2] ?? QA_DEV);
const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bench-'));
const server = await startServer(dataDir);
try {
  const api = new ApiClient(server.url);
  await api.signIn('bench@example.com', 'Benchmark1');
  const files = (await readdir(path.join(qaDir, 'docs'))).sort();

  const ingestStart = performance.now();
  for (const file of files) {
    const { status } = await api.upload(path.join(qaDir, 'docs', file));
    if (status !== 202) throw new Error(`upload of ${file} answered ${status}`);
  }
  const uploadedMs = performance.now() - ingestStart;
  const documents = await api.waitForProcessing(30 * 60_000);
  const ingestMs = performance.now() - ingestStart;
  const failed = documents.filter((d) => d.status !== 'ready');
  const chunks = documents.reduce((sum, d) => sum + (d.chunkCount ?? 0), 0);
  const rssAfterIngest = server.peakRss();

  const questions = await loadQuestions(qaDir);
  const latencies: number[] = [];
  const serverTotals: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    const { status, json } = await api.request('POST', '/query/ask', { question: q.question });
    latencies.push(performance.now() - started);
    if (status !== 200) throw new Error(`ask ${q.id} answered ${status}: ${JSON.stringify(json)}`);
    serverTotals.push(json.timings.totalMs);
  }

  const row = (name: string, value: string) => console.log(`${name.padEnd(36)} ${value}`);
  console.log(`\nDocent benchmark (${files.length} documents, ${questions.length} questions, node ${process.version})`);
  row('documents ready / failed', `${documents.length - failed.length} / ${failed.length}`);
  row('chunks', String(chunks));
  row('upload of all files (HTTP)', `${(uploadedMs / 1000).toFixed(2)} s`);
  row('upload -> all ready', `${(ingestMs / 1000).toFixed(1)} s`);
  row('server peak RSS during ingest', `${(rssAfterIngest / 2 ** 20).toFixed(0)} MiB`);
  row(
    'ask latency p50 / p95 (client)',
    `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} ms`,
  );
  row(
    'ask totalMs p50 / p95 (server)',
    `${percentile(serverTotals, 50).toFixed(1)} / ${percentile(serverTotals, 95).toFixed(1)} ms`,
  );
  row('server peak RSS overall', `${(server.peakRss() / 2 ** 20).toFixed(0)} MiB`);
  if (failed.length > 0) console.log('failed:', failed.map((d) => `${d.name}: ${d.error?.code}`).join(', '));
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
