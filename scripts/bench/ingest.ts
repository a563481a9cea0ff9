/**
 * The qa-dev ingest, Docent against the LangChain.js-style peer with the same embedder. Docent runs
 * as the real server (`docent serve`, fresh data dir, the caller's DOCENT_* settings: USE Lite by
 * default); the peer is the eval's recipe (1000/200 recursive splitter, every chunk embedded in
 * batches of 32) over Docent's own extracted text, run in this process after the server stopped,
 * its model loaded before the clock starts.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { UseLiteEmbedder } from '@docent/adapters-local';
import type { Embedder } from '@docent/domain';
import type { IngestedDocument } from '../../apps/local-server/src/eval/eval-session.ts';
import { buildLangChainPipeline } from '../../apps/local-server/src/eval/langchain-pipeline.ts';
import { ApiClient } from '../../apps/local-server/test/support/api-client.ts';
import { startServer } from '../../apps/local-server/test/support/server-process.ts';
import { round1, scrapeMetrics, serverEnv } from './bench-support.ts';
import { type ListedDocument, uploadQaSet } from './qa-upload.ts';

/** What the ingest part reports. */
export interface IngestFigures {
  /** Docent: first upload -> every document ready, seconds. */
  docentS: number;
  /** The peer: split + embed every chunk of the same text, seconds. */
  peerS: number;
  /** docentS / peerS: below 1 Docent is faster. */
  ratio: number;
  /** Docent: first upload -> every document searchable (BM25), seconds. */
  searchableS: number;
  /** Seconds per processing stage, summed over documents (they overlap in time). */
  stages: Record<string, number>;
  /** Server CPU seconds / wall seconds during the ingest: 2 would be both cores busy throughout. */
  coresUsed: number;
  /** Passage texts Docent embedded. */
  vectors: number;
  /** Docent's chunks. */
  chunks: number;
}

// Linux reports CPU time in clock ticks; 100 per second on every architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, every thread) a process has used so far (Linux `/proc`). */
const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
};

const STAGE_SUM = /^docent_processing_stage_seconds_sum\{stage="([^"]+)"\}$/;
const HOUR_MS = 3_600_000;

/** The embedder the server runs, for the peer: "same embedder" is the point of the comparison. */
const peerEmbedder = (kind: string): Embedder & { close?: () => Promise<void> } => {
  if (kind === 'hashing') return new HashingEmbedder();
  if (kind === 'use-lite') return new UseLiteEmbedder();
  throw new Error(`the peer runs with use-lite or hashing, not DOCENT_EMBEDDER=${kind}`);
};

const textsOf = async (api: ApiClient, documents: ListedDocument[]): Promise<IngestedDocument[]> => {
  const texts: IngestedDocument[] = [];
  for (const d of documents.filter((doc) => doc.status === 'ready')) {
    const { json } = await api.request('GET', `/documents/${d.id}/text`);
    texts.push({ id: d.id, name: d.name, status: d.status, text: json.text, chunkLengths: [] });
  }
  return texts;
};

/** Options of {@link benchIngest}. */
export interface IngestOptions {
  /** The server's environment (default: the caller's DOCENT_* settings). */
  env?: Record<string, string>;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** Ingests `qaDir/docs` into Docent, then runs the peer on the same text; see the module comment. */
export const benchIngest = async (qaDir: string, options: IngestOptions = {}): Promise<IngestFigures> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bench-ingest-'));
  let docent: Omit<IngestFigures, 'peerS' | 'ratio'>;
  let docentMs: number;
  let texts: IngestedDocument[];
  const server = await startServer(dataDir, options.env ?? serverEnv());
  try {
    const api = new ApiClient(server.url);
    await api.signIn('bench-ingest@example.com', 'Benchmark-ingest-1');
    const pid = server.child.pid as number;
    const cpuBefore = cpuSeconds(pid);
    const run = await uploadQaSet(api, qaDir, HOUR_MS);
    docentMs = run.readyMs;
    const coresUsed = (cpuSeconds(pid) - cpuBefore) / (run.readyMs / 1000);
    const failed = run.documents.filter((d) => d.status !== 'ready');
    if (failed.length > 0) throw new Error(`failed: ${failed.map((d) => `${d.name} ${d.error?.code}`).join(', ')}`);
    const metrics = await scrapeMetrics(server.url);
    const stages: Record<string, number> = {};
    for (const [name, value] of metrics) {
      const stage = STAGE_SUM.exec(name)?.[1];
      if (stage !== undefined) stages[stage] = round1(value);
    }
    docent = {
      docentS: round1(run.readyMs / 1000),
      searchableS: round1(run.searchableMs / 1000),
      stages,
      coresUsed: Math.round(coresUsed * 100) / 100,
      vectors: metrics.get('docent_embedded_texts_total{purpose="passage"}') ?? 0,
      chunks: run.documents.reduce((sum, d) => sum + (d.chunkCount ?? 0), 0),
    };
    texts = await textsOf(api, run.documents);
    options.log?.(`ingest: Docent ready in ${docent.docentS} s; the peer next`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const embedder = peerEmbedder((options.env ?? serverEnv()).DOCENT_EMBEDDER ?? 'use-lite');
  try {
    await embedder.embed(['load the model before timing'], { purpose: 'passage' });
    const started = performance.now();
    await buildLangChainPipeline(texts, embedder);
    const peerMs = performance.now() - started;
    return { ...docent, peerS: round1(peerMs / 1000), ratio: Math.round((docentMs / peerMs) * 100) / 100 };
  } finally {
    await embedder.close?.();
  }
};
