/**
 * Fair processing, measured on the real local server (`docent serve` on 127.0.0.1, fresh data dir):
 *  1. user A uploads a big text file (many chunks, below the chunk cap); once it is processing, user B
 *     uploads a 46-byte file. Prints B's upload -> ready time, A's progress and ETA samples against
 *     A's real finish, and the server's peak RSS.
 *  2. user C uploads a 20 MB single-line text file under the default caps: it must fail `too_large`.
 * Usage:
 *   node scripts/fair-processing.ts [--embedder use-lite|hashing] [--big-mb 1] [--sample-s 10]
 * The server's other settings come from the environment (e.g. DOCENT_PROCESSING_CONCURRENCY=1).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from '../apps/local-server/test/support/api-client.ts';
import { qaDevText } from '../apps/local-server/test/support/qa-dev-text.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';

const { values } = parseArgs({
  options: {
    embedder: { type: 'string', default: 'use-lite' },
    'big-mb': { type: 'string', default: '1' },
    'sample-s': { type: 'string', default: '10' },
  },
});
const bigBytes = Math.round(Number(values['big-mb']) * 2 ** 20);
const sampleMs = Number(values['sample-s']) * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (name: string, value: string) => console.log(`${name.padEnd(40)} ${value}`);

/** 20 MB of words on one line, as in the finding. */
const singleLine = (bytes: number): string => {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const out: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const word = `${words[i % words.length]}${i % 997}`;
    out.push(word);
    size += word.length + 1;
  }
  return out.join(' ');
};

const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-fair-'));
const server = await startServer(dataDir, {
  DOCENT_EMBEDDER: values.embedder ?? 'use-lite',
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DOCENT_'))),
} as Record<string, string>);
try {
  const upload = async (api: ApiClient, name: string, text: string): Promise<string> => {
    const file = path.join(dataDir, name);
    await writeFile(file, text);
    const { status, json } = await api.upload(file);
    if (status !== 202) throw new Error(`upload of ${name} answered ${status}: ${JSON.stringify(json)}`);
    return json.document.id;
  };
  const get = async (api: ApiClient, id: string) => (await api.request('GET', `/documents/${id}`)).json.document;
  const [a, b, c] = [new ApiClient(server.url), new ApiClient(server.url), new ApiClient(server.url)];
  await a.signIn('a@example.com', 'Fairness-A1');
  await b.signIn('b@example.com', 'Fairness-B1');
  await c.signIn('c@example.com', 'Fairness-C1');

  console.log(`\nFair processing (embedder ${values.embedder}, node ${process.version})`);
  const start = performance.now();
  const big = await upload(a, 'big.txt', await qaDevText(bigBytes));
  let aDoc = await get(a, big);
  while (aDoc.status === 'uploaded') {
    await sleep(50);
    aDoc = await get(a, big);
  }
  const aAtUpload = `${aDoc.status} ${aDoc.progress.stage} ${aDoc.progress.done}/${aDoc.progress.total}`;
  const bStart = performance.now();
  const small = await upload(b, 'small.txt', 'A 46-byte note: tmux detaches with prefix d.\n');
  let bDoc = await get(b, small);
  while (bDoc.status !== 'ready' && bDoc.status !== 'failed') {
    await sleep(100);
    bDoc = await get(b, small);
  }
  const bMs = performance.now() - bStart;
  const aAtB = await get(a, big);

  const samples: Array<{ atMs: number; done: number; total: number; eta?: number }> = [];
  for (aDoc = aAtB; aDoc.status === 'processing' || aDoc.status === 'uploaded'; aDoc = await get(a, big)) {
    if (aDoc.progress.stage === 'embedding') {
      const last = samples.at(-1);
      const atMs = performance.now() - start;
      if (last === undefined || atMs - last.atMs >= sampleMs) {
        samples.push({ atMs, done: aDoc.progress.done, total: aDoc.progress.total, eta: aDoc.progress.etaSeconds });
      }
    }
    await sleep(250);
  }
  const aMs = performance.now() - start;

  row("A's document", `${(bigBytes / 2 ** 20).toFixed(1)} MiB, ${aDoc.chunkCount} chunks, ${aDoc.status}`);
  row("A's progress when B uploaded", aAtUpload);
  row("B's 46-byte file: upload -> ready", `${seconds(bMs)} (${bDoc.status})`);
  row(
    "A's progress when B was ready",
    `${aAtB.status} ${aAtB.progress.stage} ${aAtB.progress.done}/${aAtB.progress.total}`,
  );
  row('A: upload -> ready', seconds(aMs));
  row(
    'A embedding rate',
    `${((aDoc.chunkCount ?? 0) / ((aMs - (samples[0]?.atMs ?? 0)) / 1000)).toFixed(1)} chunks/s (approx.)`,
  );
  console.log(
    `\n  ${'at'.padStart(8)} ${'done/total'.padStart(12)} ${'etaSeconds'.padStart(10)} ${'actual left'.padStart(11)}`,
  );
  for (const s of samples) {
    const actual = (aMs - s.atMs) / 1000;
    console.log(
      `  ${seconds(s.atMs).padStart(8)} ${`${s.done}/${s.total}`.padStart(12)} ${String(s.eta ?? '-').padStart(10)} ${actual.toFixed(0).padStart(10)}s`,
    );
  }
  row('\nserver peak RSS (A and B)', `${(server.peakRss() / 2 ** 20).toFixed(0)} MiB`);

  const hugeStart = performance.now();
  const huge = await upload(c, 'one-line.txt', singleLine(20 * 2 ** 20));
  const uploadedMs = performance.now() - hugeStart;
  let cDoc = await get(c, huge);
  while (cDoc.status !== 'ready' && cDoc.status !== 'failed') {
    await sleep(100);
    cDoc = await get(c, huge);
  }
  row('20 MB single line: upload (HTTP)', seconds(uploadedMs));
  row(
    '20 MB single line: upload -> final',
    `${seconds(performance.now() - hugeStart)} ${cDoc.status} ${cDoc.error?.code ?? ''}`,
  );
  row('  message', cDoc.error?.message ?? '');
  row('server peak RSS (all)', `${(server.peakRss() / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
