/**
 * The qa-dev ingest, Docent against a LangChain.js-style peer, in one run. Docent: the real local
 * server (`docent serve` on 127.0.0.1, fresh data dir, USE Lite), every file of `<qaDir>/docs`
 * uploaded over HTTP, polled until all are ready. The peer: the eval harness's LangChain-style
 * pipeline (RecursiveCharacterTextSplitter 1000/200, every chunk embedded, in-memory cosine) on the
 * very text Docent extracted (read back through `GET /documents/:id/text`, so the peer gets
 * extraction for free), with the same USE Lite embedder on one worker thread, as a plain pipeline
 * runs it. Neither clock includes loading the model (ADR 0011): Docent's starts once `GET /ready`
 * answers 200 (the server loads its models at start-up and the probe embeds a word), the peer's
 * after one warm-up text. Imported by `npm run bench`; run alone:
 * `node scripts/bench/ingest.ts [qaDir]` (the server takes DOCENT_* settings from the env).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EMBEDDING_THREAD_NAME, UseLiteEmbedder } from '@docent/adapters-local';
import { buildLangChainPipeline } from '../../apps/local-server/src/eval/langchain-pipeline.ts';
import { ApiClient, QA_DEV } from '../../apps/local-server/test/support/api-client.ts';
import { startServer } from '../../apps/local-server/test/support/server-process.ts';
import { cpuLine } from './bench-report.ts';
import { scrapeMetrics } from './bench-support.ts';
import { watchIngest } from './ingest-progress.ts';
import { cpuBetween, threadCpu } from './thread-cpu.ts';

/** One run's figures; times in seconds from the first upload. */
export interface IngestBench {
  /** Docent: upload of every file -> every document ready (or failed). */
  docentS: number;
  /** The peer: split + embed of the same extracted text (its model loaded before). */
  peerS: number;
  /** docentS / peerS: at most 1 means Docent ingests no slower than the peer. */
  ratio: number;
  /** Docent: upload -> every document searchable (BM25) or final. */
  searchableS: number;
  /** Docent: HTTP upload wall time and document-seconds per processing stage, from polling. */
  stages: Record<string, number>;
  /** Docent server's CPU time over its ingest wall time (worker threads included). */
  coresUsed: number;
  /** Vector rows Docent stored. */
  vectors: number;
  /** Chunks Docent made. */
  chunks: number;
  /** Texts Docent embedded (its `docent_embedded_texts_total` for passages). */
  textsEmbedded: number;
  /** Texts the peer embedded (its chunks). */
  peerTexts: number;
  /**
   * CPU seconds, which unlike wall times barely depend on the machine's load: the server's embedding
   * worker threads and all its threads over its ingest; the peer's embedding thread and the whole
   * bench process over the peer's run (the server is stopped by then).
   */
  cpuS: { docentEmbedding: number; docentAll: number; peerEmbedding: number; peerAll: number };
  /**
   * The server's CPU seconds over its ingest by thread name: `embedding` (model workers),
   * `MainThread`, `WorkerThread` (extraction and ask workers), `V8Worker` (V8's GC and compiler
   * helpers), `libuv-worker` (file and crypto pool).
   */
  docentCpuByThread: Record<string, number>;
}

/** CPU seconds of all threads and of the embedding threads between two readings. */
const cpuSplit = (before: ReturnType<typeof threadCpu>, after: ReturnType<typeof threadCpu>) => {
  const byName: Record<string, number> = {};
  for (const thread of cpuBetween(before, after)) byName[thread.name] = (byName[thread.name] ?? 0) + thread.ms / 1000;
  const all = Object.values(byName).reduce((sum, seconds) => sum + seconds, 0);
  return { all, embedding: byName[EMBEDDING_THREAD_NAME] ?? 0, byName };
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
const cpuSeconds = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const countVectors = (dataDir: string): number => {
  const db = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM vector_entries').get() as { n: number }).n);
  } finally {
    db.close();
  }
};

/** Waits for `GET /ready` to answer 200 (store writable, embedding model loaded and answering). */
const untilReady = async (api: ApiClient, timeoutMs = 120_000): Promise<void> => {
  const started = performance.now();
  while ((await api.request('GET', '/ready')).status !== 200) {
    if (performance.now() - started > timeoutMs) throw new Error(`the server was not ready in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** One round's headline figures. */
export interface IngestRound {
  docentS: number;
  peerS: number;
  ratio: number;
}

/**
 * Runs Docent's ingest, then the peer's, on the QA set in `qaDir`, `rounds` times back to back (default
 * 1); logs progress lines to `log`. The machine's speed drifts by up to ~10% from one minute to the
 * next, and a round times Docent and the peer within a minute of each other, so the ratio of one
 * round is noisy: answered is the round of the median ratio (the lower middle one for an even count),
 * with every round's headline figures in `rounds`.
 */
export async function benchIngest(
  qaDir: string,
  options: { env?: Record<string, string>; log?: (line: string) => void; rounds?: number } = {},
): Promise<IngestBench & { rounds: IngestRound[] }> {
  const results: IngestBench[] = [];
  const count = options.rounds ?? 1;
  for (let round = 1; round <= count; round++) {
    if (count > 1) options.log?.(`ingest round ${round} of ${count}`);
    results.push(await ingestOnce(qaDir, options));
  }
  const byRatio = [...results].sort((a, b) => a.ratio - b.ratio);
  const median = byRatio[Math.floor((byRatio.length - 1) / 2)] as IngestBench;
  return { ...median, rounds: results.map(({ docentS, peerS, ratio }) => ({ docentS, peerS, ratio })) };
}

/** One round: Docent's ingest on a fresh server, then the peer's on the text Docent extracted. */
async function ingestOnce(
  qaDir: string,
  options: { env?: Record<string, string>; log?: (line: string) => void },
): Promise<IngestBench> {
  const log = options.log ?? (() => {});
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bench-ingest-'));
  const server = await startServer(dataDir, { DOCENT_EMBEDDER: 'use-lite', ...options.env });
  try {
    const api = new ApiClient(server.url);
    await api.signIn('bench-ingest@example.com', 'Benchmark-ingest-1');
    const files = (await readdir(path.join(qaDir, 'docs'))).sort();
    await untilReady(api);
    const cpuBefore = cpuSeconds(server.child.pid);
    const threadsBefore = threadCpu(server.child.pid as number);
    const started = performance.now();
    const startedWallMs = Date.now();
    for (const file of files) {
      const { status } = await api.upload(path.join(qaDir, 'docs', file));
      if (status !== 202) throw new Error(`upload of ${file} answered ${status}`);
    }
    const uploadS = (performance.now() - started) / 1000;
    log(`docent: ${files.length} files uploaded in ${uploadS.toFixed(1)} s; waiting for ready`);
    const progress = await watchIngest(api, files.length, { startedMs: started, startedWallMs });
    const coresUsed = (cpuSeconds(server.child.pid) - cpuBefore) / progress.finalS;
    // Threads that ended before this reading are missing; embedding workers live as long as the server.
    const docentCpu = cpuSplit(threadsBefore, threadCpu(server.child.pid as number));
    const textsEmbedded = (await scrapeMetrics(server.url)).get('docent_embedded_texts_total{purpose="passage"}') ?? 0;
    const failed = progress.documents.filter((d) => d.status !== 'ready');
    if (failed.length > 0) throw new Error(`not ready: ${failed.map((d) => `${d.name} ${d.error?.code}`).join(', ')}`);
    log(`docent: all ready in ${progress.finalS.toFixed(1)} s (searchable in ${progress.searchableS.toFixed(1)} s)`);
    const documents = [];
    for (const d of progress.documents) {
      const { json } = await api.request('GET', `/documents/${d.id}/text`);
      documents.push({ id: d.id, name: d.name, status: d.status, text: json.text as string, chunkLengths: [] });
    }
    const chunks = progress.documents.reduce((sum, d) => sum + (d.chunkCount ?? 0), 0);
    await server.stop();
    const vectors = countVectors(dataDir);

    const embedder = new UseLiteEmbedder({ workers: 1 });
    // As a pipeline that loaded its model once, before its documents arrive.
    await embedder.embed(['The model loads before the clock starts.']);
    const peerThreadsBefore = threadCpu(process.pid);
    const peerStarted = performance.now();
    let peer: Awaited<ReturnType<typeof buildLangChainPipeline>>;
    let peerCpu: ReturnType<typeof cpuSplit>;
    try {
      peer = await buildLangChainPipeline(documents, embedder);
    } finally {
      // Read before close: the worker thread's time leaves /proc with the thread.
      peerCpu = cpuSplit(peerThreadsBefore, threadCpu(process.pid));
      await embedder.close();
    }
    const peerS = (performance.now() - peerStarted) / 1000;
    log(`peer: ${peerS.toFixed(1)} s`);
    return {
      docentS: progress.finalS,
      peerS,
      ratio: progress.finalS / peerS,
      searchableS: progress.searchableS,
      stages: { upload: uploadS, ...progress.stages },
      coresUsed,
      vectors,
      chunks,
      textsEmbedded,
      peerTexts: peer.index?.chunks ?? 0,
      cpuS: {
        docentEmbedding: docentCpu.embedding,
        docentAll: docentCpu.all,
        peerEmbedding: peerCpu.embedding,
        peerAll: peerCpu.all,
      },
      docentCpuByThread: docentCpu.byName,
    };
  } finally {
    if (server.child.exitCode === null) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const qaDir = path.resolve(process.argv[2] ?? QA_DEV);
  const result = await benchIngest(qaDir, {
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DOCENT_'))) as Record<
      string,
      string
    >,
    log: (line) => console.error(line),
  });
  const round = (value: number) => Math.round(value * 100) / 100;
  console.log(`\nIngest of ${path.basename(qaDir)} (node ${process.version})`);
  console.log(
    `  Docent upload -> all ready    ${result.docentS.toFixed(1)} s (searchable ${result.searchableS.toFixed(1)} s)`,
  );
  console.log(`  LangChain-style peer           ${result.peerS.toFixed(1)} s`);
  console.log(`  ratio Docent / peer            ${result.ratio.toFixed(2)}`);
  console.log(`  cores used by the server       ${result.coresUsed.toFixed(2)}`);
  console.log(`  chunks / vectors               ${result.chunks} / ${result.vectors}`);
  console.log(`  texts embedded Docent / peer   ${result.textsEmbedded} / ${result.peerTexts}`);
  console.log(`  CPU s (embedding / all)        ${cpuLine(result)}`);
  console.log(
    `  Docent CPU s by thread         ${Object.entries(result.docentCpuByThread)
      .sort((a, b) => b[1] - a[1])
      .map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`)
      .join(', ')}`,
  );
  console.log(
    `  stages (document-seconds)      ${JSON.stringify(Object.fromEntries(Object.entries(result.stages).map(([k, v]) => [k, round(v)])))}`,
  );
}
