/**
 * The scale curve: for each size, a synthetic corpus (see `synthetic-corpus.ts`) of about that many
 * chunks is uploaded by one user to the real server (`docent serve`, `hashing` embedder, fresh data
 * dir) and processed; the server is then restarted cold and asked the corpus's probe questions one
 * at a time. Afterwards, with the server stopped, the store is opened in this process to compare the
 * VectorIndex's top 10 chunks with an exact scan of every stored vector (recall@10) and to time
 * BM25 (LexicalIndex) searches alone.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { openDatabase, openLocalStore } from '@docent/adapters-local';
import { systemClock } from '@docent/domain';
import { ApiClient } from '../../apps/local-server/test/support/api-client.ts';
import { type ServerProcess, startServer } from '../../apps/local-server/test/support/server-process.ts';
import { percentile, round1, serverEnv } from './bench-support.ts';
import { isFinal, listDocuments } from './qa-upload.ts';
import { CHUNKS_PER_DOCUMENT, syntheticDocuments } from './synthetic-corpus.ts';

/** One point of the curve. */
export interface ScalePoint {
  /** Chunks actually stored. */
  chunks: number;
  /** First upload -> every document ready, seconds. */
  buildS: number;
  /** The data dir on disk. */
  diskMiB: number;
  /** Peak RSS of the restarted server while answering. */
  rssMiB: number;
  askP50Ms: number;
  askP95Ms: number;
  /** Share of the exact top 10 chunks that the VectorIndex returned in its top 10, averaged over questions. */
  recallAt10: number;
  /** p95 of LexicalIndex.search alone (limit 100). */
  lexicalP95Ms: number;
}

/** Options of {@link benchScale}. */
export interface ScaleOptions {
  /** Corpus seed (default 14). */
  seed?: number;
  /** Questions asked per size (default 40). */
  questions?: number;
  /** Longest wait for a corpus to be processed (default one hour). */
  timeoutMs?: number;
}

const EMAIL = 'bench-scale@example.com';
const PASSWORD = 'Benchmark-scale-1';
const DIMENSIONS = new HashingEmbedder().dimensions;
const MIB = 2 ** 20;
const WARM_UP_ASKS = 5;
const LEXICAL_LIMIT = 100;

const diskBytes = async (dir: string): Promise<number> => {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
};

const build = async (server: ServerProcess, size: number, options: Required<ScaleOptions>) => {
  const api = new ApiClient(server.url);
  await api.signIn(EMAIL, PASSWORD);
  const questions: string[] = [];
  const documents = Math.max(1, Math.round(size / CHUNKS_PER_DOCUMENT));
  const started = performance.now();
  for (const document of syntheticDocuments(size, options.seed, Math.ceil(options.questions / documents))) {
    const form = new FormData();
    form.append('file', new Blob([document.text], { type: 'text/markdown' }), document.name);
    const { status } = await api.request('POST', '/documents/upload', form);
    if (status !== 202) throw new Error(`upload of ${document.name} answered ${status}`);
    questions.push(...document.probes.map((probe) => `Where does it say ${probe}?`));
  }
  for (;;) {
    const listed = await listDocuments(api);
    if (listed.every(isFinal)) {
      const failed = listed.filter((d) => d.status !== 'ready');
      if (failed.length > 0)
        throw new Error(`scale corpus: ${failed.length} documents failed (${failed[0]?.error?.code})`);
      const chunks = listed.reduce((sum, d) => sum + (d.chunkCount ?? 0), 0);
      return {
        chunks,
        buildS: round1((performance.now() - started) / 1000),
        questions: questions.slice(0, options.questions),
      };
    }
    if (performance.now() - started > options.timeoutMs)
      throw new Error(`scale corpus of ${size} not processed in time`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

const askEach = async (server: ServerProcess, questions: readonly string[]) => {
  const api = new ApiClient(server.url);
  await api.signIn(EMAIL, PASSWORD);
  const latencies: number[] = [];
  for (const [i, question] of [...questions.slice(0, WARM_UP_ASKS), ...questions].entries()) {
    const started = performance.now();
    const { status } = await api.request('POST', '/query/ask', { question });
    if (status !== 200) throw new Error(`ask answered ${status}`);
    if (i >= WARM_UP_ASKS) latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { askP50Ms: round1(percentile(latencies, 50)), askP95Ms: round1(percentile(latencies, 95)) };
};

/**
 * Vectors kept per question while scanning: a chunk has a few sentence vectors (about 4), so the
 * best 20 per chunk asked for hold the `k` best distinct chunks unless one chunk has more than 20.
 */
const VECTORS_PER_CHUNK_KEPT = 20;

interface Scored {
  chunkId: string;
  score: number;
}

/**
 * The exact answer a vector index approximates: for each query, the `k` chunks whose nearest stored
 * vector has the highest cosine with it (vectors are unit length, so cosine is the dot product),
 * found by reading every vector of `ownerId` once from `vector_items` (sqlite-vec must be loaded).
 */
const exactTopChunks = (db: DatabaseSync, ownerId: string, queries: readonly Float32Array[], k: number): string[][] => {
  const keep = k * VECTORS_PER_CHUNK_KEPT;
  const best: Scored[][] = queries.map(() => []);
  const floor = queries.map(() => Number.NEGATIVE_INFINITY);
  const rows = db
    .prepare(
      `SELECT e.chunk_id AS chunkId, v.embedding AS embedding
       FROM vector_items AS v JOIN vector_entries AS e ON e.entry_id = v.rowid
       WHERE v.owner_id = ?`,
    )
    .iterate(ownerId) as Iterable<{ chunkId: string; embedding: Uint8Array }>;
  for (const { chunkId, embedding } of rows) {
    const vector = new Float32Array(embedding.buffer, embedding.byteOffset, embedding.byteLength / 4);
    for (const [q, query] of queries.entries()) {
      let dot = 0;
      for (let i = 0; i < vector.length; i++) dot += (vector[i] as number) * (query[i] as number);
      if (dot <= (floor[q] as number)) continue;
      const list = best[q] as Scored[];
      list.push({ chunkId, score: dot });
      // Trim in batches: sorting on every insert would cost more than the scan.
      if (list.length >= 4 * keep) {
        list.sort((a, b) => b.score - a.score).length = keep;
        floor[q] = (list[keep - 1] as Scored).score;
      }
    }
  }
  return best.map((list) => {
    const chunks: string[] = [];
    for (const { chunkId } of list.sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))) {
      if (!chunks.includes(chunkId)) chunks.push(chunkId);
      if (chunks.length === k) break;
    }
    return chunks;
  });
};

/** Recall@10 of the VectorIndex against the exact scan, and BM25's p95, on the stopped server's store. */
const measureStore = async (dataDir: string, questions: readonly string[]) => {
  const embedder = new HashingEmbedder();
  const vectors = await embedder.embed(questions, { purpose: 'query' });
  const raw = openDatabase(path.join(dataDir, 'docent.db'), { dimensions: DIMENSIONS });
  const { owner_id: ownerId } = raw.prepare('SELECT owner_id FROM vector_entries LIMIT 1').get() as {
    owner_id: string;
  };
  const exact = exactTopChunks(raw, ownerId, vectors, 10);
  raw.close();
  const store = openLocalStore({ dataDir, dimensions: DIMENSIONS, clock: systemClock, sessionTtlMs: 3_600_000 });
  try {
    let recall = 0;
    for (const [i, vector] of vectors.entries()) {
      const found = await store.VectorIndex.search({ vector, ownerId, limit: 10 });
      const truth = new Set(exact[i]);
      recall += found.filter((hit) => truth.has(hit.chunkId)).length / Math.max(1, truth.size);
    }
    const lexical: number[] = [];
    for (const pass of [0, 1]) {
      for (const text of questions) {
        const started = performance.now();
        await store.LexicalIndex.search({ text, ownerId, limit: LEXICAL_LIMIT });
        // The first pass warms SQLite's page cache, as a running server's would be.
        if (pass === 1) lexical.push(performance.now() - started);
      }
    }
    lexical.sort((a, b) => a - b);
    return {
      recallAt10: Math.round((recall / vectors.length) * 1000) / 1000,
      lexicalP95Ms: round1(percentile(lexical, 95)),
    };
  } finally {
    store.close();
  }
};

/** Builds and measures a corpus of each size in turn (see the module comment). */
export const benchScale = async (sizes: readonly number[], options: ScaleOptions = {}): Promise<ScalePoint[]> => {
  const settings = {
    seed: options.seed ?? 14,
    questions: options.questions ?? 40,
    timeoutMs: options.timeoutMs ?? 3_600_000,
  };
  const env = serverEnv({ DOCENT_EMBEDDER: 'hashing' });
  const points: ScalePoint[] = [];
  for (const size of sizes) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bench-scale-'));
    try {
      let server = await startServer(dataDir, env);
      let built: Awaited<ReturnType<typeof build>>;
      try {
        built = await build(server, size, settings);
      } finally {
        await server.stop();
      }
      server = await startServer(dataDir, env);
      let asked: Awaited<ReturnType<typeof askEach>>;
      let rssMiB: number;
      try {
        asked = await askEach(server, built.questions);
        rssMiB = Math.round(server.peakRss() / MIB);
      } finally {
        await server.stop();
      }
      const diskMiB = Math.round((await diskBytes(dataDir)) / MIB);
      const store = await measureStore(dataDir, built.questions);
      points.push({ chunks: built.chunks, buildS: built.buildS, diskMiB, rssMiB, ...asked, ...store });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return points;
};
