/**
 * Time to searchable, measured on the real local server (`docent serve` on 127.0.0.1, fresh data
 * dir, USE Lite by default). One document at a time, each by its own user: a ~1 MiB text file made
 * of the qa-dev plain-text documents, then a qa-dev PDF. For each it prints upload -> searchable
 * (`searchable: true`, passages in BM25) and upload -> ready (all vectors), and the answer to one
 * question asked as soon as the document is searchable, with its latency and first citation, and
 * the latency of the same question again once half the chunks are embedded.
 * Usage:
 *   node scripts/time-to-searchable.ts [--embedder use-lite|hashing] [--mb 1]
 * The server's other settings come from the environment (DOCENT_*).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient, QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { qaDevText } from '../apps/local-server/test/support/qa-dev-text.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';

const { values } = parseArgs({
  options: { embedder: { type: 'string', default: 'use-lite' }, mb: { type: 'string', default: '1' } },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const row = (name: string, value: string) => console.log(`  ${name.padEnd(30)} ${value}`);

interface Case {
  name: string;
  bytes: Uint8Array;
  question: string;
}

const cases: Case[] = [
  {
    name: 'qa-dev-text.txt',
    bytes: new TextEncoder().encode(await qaDevText(Math.round(Number(values.mb) * 2 ** 20))),
    question: 'What compression preset does xz use by default?',
  },
  {
    name: 'bzip2-manual.pdf',
    bytes: await readFile(path.join(QA_DEV, 'docs', 'bzip2-manual.pdf')),
    question: 'How much memory does bunzip2 need to decompress a file compressed with the default 900k block size?',
  },
];

const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-searchable-'));
const server = await startServer(dataDir, {
  DOCENT_EMBEDDER: values.embedder ?? 'use-lite',
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DOCENT_'))),
} as Record<string, string>);
try {
  console.log(`\nTime to searchable (embedder ${values.embedder}, node ${process.version})`);
  for (const [index, { name, bytes, question }] of cases.entries()) {
    const api = new ApiClient(server.url);
    await api.signIn(`user${index}@example.com`, 'Searchable-12345');
    const file = path.join(dataDir, name);
    await writeFile(file, bytes);
    const start = performance.now();
    const uploaded = await api.upload(file);
    if (uploaded.status !== 202) throw new Error(`upload of ${name} answered ${uploaded.status}`);
    const id: string = uploaded.json.document.id;
    let searchableMs: number | undefined;
    let asked: { ms: number; status: string; progress: string; json: any } | undefined;
    let halfway: { ms: number; progress: string } | undefined;
    let document = uploaded.json.document;
    while (document.status !== 'ready' && document.status !== 'failed') {
      await sleep(50);
      document = (await api.request('GET', `/documents/${id}`)).json.document;
      if (document.searchable === true && searchableMs === undefined) searchableMs = performance.now() - start;
      if (document.searchable === true && document.status === 'processing' && asked === undefined) {
        const progress = `${document.progress.stage} ${document.progress.done}/${document.progress.total}`;
        const askStart = performance.now();
        const answer = await api.request('POST', '/query/ask', { question });
        asked = { ms: performance.now() - askStart, status: document.status, progress, json: answer.json };
      }
      const half = document.progress.stage === 'embedding' && document.progress.done * 2 >= document.progress.total;
      if (half && halfway === undefined) {
        const askStart = performance.now();
        await api.request('POST', '/query/ask', { question });
        halfway = {
          ms: performance.now() - askStart,
          progress: `${document.progress.done}/${document.progress.total}`,
        };
      }
    }
    const readyMs = performance.now() - start;
    const cited = asked?.json.citations?.[0];
    console.log(`\n${name}: ${(bytes.length / 2 ** 20).toFixed(2)} MiB, ${document.chunkCount} chunks`);
    row('upload -> searchable', searchableMs === undefined ? 'never' : seconds(searchableMs));
    row(`upload -> ${document.status}`, seconds(readyMs));
    row('asked while', asked === undefined ? '(never searchable before ready)' : `${asked.status}, ${asked.progress}`);
    row('question', question);
    row('answer', asked === undefined ? '-' : `${JSON.stringify(asked.json.answer)} (${seconds(asked.ms)})`);
    row('first citation', cited === undefined ? '-' : JSON.stringify(cited.quote));
    row('asked again at', halfway === undefined ? '-' : `embedding ${halfway.progress}: ${seconds(halfway.ms)}`);
  }
  console.log(`\n  server peak RSS: ${(server.peakRss() / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
