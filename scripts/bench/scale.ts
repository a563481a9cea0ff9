/**
 * Scale benchmark: builds one user's corpus of N chunks (synthetic, see synthetic-corpus.ts) in a
 * fresh local store through the real ports (chunker, sentence windows, FTS5, sqlite-vec and the
 * approximate index), then times questions in a separate process (scale-queries.ts).
 *   node scripts/bench/scale.ts 10000 100000 [1000000] [--embedder use-lite] [--keep]
 *   node scripts/bench/scale.ts --reuse <dir kept by --keep> [--cold]   (the questions again, no build;
 *     --cold: the store's files dropped from the page cache first, as after a restart)
 *   node scripts/bench/scale.ts --resume <dir> N   (a build of N chunks that stopped after its SQLite
 *     part, e.g. killed while the graph was built: the graph catches up, then it is measured)
 * `benchScale` is what `npm run bench` calls for its scale curve.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openLocalStore } from '@docent/adapters-local';
import { chunkDocument, systemClock } from '@docent/domain';
// Not part of the domain's public API; imported by path so the benchmark cuts windows exactly as
// ProcessDocument does, whatever the ingest pipeline changes there.
import { embeddingWindows } from '../../packages/domain/src/documents/sentence-windows.ts';
import { type BenchEmbedderName, createBenchEmbedder } from './bench-embedder.ts';
import { evictFromPageCache } from './evict-page-cache.ts';
import type { QueryFigures } from './scale-queries.ts';
import { SyntheticCorpus } from './synthetic-corpus.ts';

/** One point of the scale curve. */
export interface ScaleRow {
  chunks: number;
  buildS: number;
  diskMiB: number;
  rssMiB: number;
  /** A question's candidates as the server's ask worker gets them (dense and BM25 overlapped), warm. */
  askP50Ms: number;
  askP95Ms: number;
  /** The same searches one after another on one thread. */
  askSerialP95Ms: number;
  /** CPU per ask, all threads (p50). */
  askCpuP50Ms: number;
  /** Share of the shorter of BM25 and the dense search run while the other ran (p50; 0 = one after the other). */
  overlapP50: number;
  recallAt10: number;
  lexicalP95Ms: number;
  denseP95Ms: number;
  /** Thread CPU of the BM25 part and of the dense search alone (p95). */
  lexicalCpuP95Ms: number;
  denseCpuP95Ms: number;
  /** The query process's resident memory after the questions: its own, and mapped files (the graph). */
  rssAnonMiB: number;
  rssFileMiB: number;
  /** The first question after opening the store, the graph's background open included. */
  firstAskMs: number;
  /** Opening the store until its start-up work was done (`LocalStore.warmedUp`); later questions are timed warm. */
  warmUpMs: number;
  /** The store's pre-read at open (`DOCENT_PREWARM_MIB`): MiB read, and its wall time. */
  prewarmMiB: number;
  prewarmMs: number;
  /** MiB read from storage (page-cache misses) until warm, and during the timed questions. */
  openReadMiB: number;
  askReadMiB: number;
}

const OWNER = 'bench-owner';
const QUESTIONS = 60;
/** Longest sentence window, as ProcessDocument's default. */
const WINDOW_CHARS = 300;

const folderBytes = async (folder: string): Promise<number> => {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
};

/**
 * Builds `chunks` chunks into `dataDir`; answers the questions drawn along the way. `resume`: the
 * chunks are already stored, so the same corpus (seeded) is drawn again without writing it, for its
 * questions, while the approximate index catches up with what is stored.
 */
const build = async (
  dataDir: string,
  chunks: number,
  embedderName: BenchEmbedderName,
  resume = false,
): Promise<string[]> => {
  const corpus = new SyntheticCorpus();
  const embedder = createBenchEmbedder(embedderName);
  const store = openLocalStore({ dataDir, dimensions: embedder.dimensions, clock: systemClock, sessionTtlMs: 60_000 });
  const passages: string[] = [];
  try {
    let built = 0;
    for (let d = 0; built < chunks; d++) {
      const text = corpus.document();
      const drafts = chunkDocument(text).slice(0, chunks - built);
      const documentId = `doc-${d}`;
      const ids = drafts.map((_, i) => `${documentId}-c${i}`);
      // One question per so many chunks, spread over the corpus.
      const every = Math.max(1, Math.floor(chunks / QUESTIONS));
      for (let i = 0; i < drafts.length; i++) {
        if ((built + i) % every === 0 && passages.length < QUESTIONS) passages.push(drafts[i]?.text ?? '');
      }
      built += drafts.length;
      if (resume) continue;
      await store.LexicalIndex.add(
        drafts.map((draft, i) => ({
          chunkId: ids[i] as string,
          documentId,
          ownerId: OWNER,
          text: draft.text,
          ...(draft.heading !== undefined && { heading: draft.heading }),
          documentName: `manual-${d}.pdf`,
        })),
      );
      const windows = embeddingWindows(text.text, drafts, WINDOW_CHARS);
      const vectors = await embedder.embed(
        windows.map((w) => text.text.slice(w.start, w.end)),
        { purpose: 'passage' },
      );
      await store.VectorIndex.upsert(
        windows.flatMap((window, w) =>
          window.chunks.map((chunk) => ({
            entryId: `${ids[chunk]}-w${w}`,
            chunkId: ids[chunk] as string,
            documentId,
            ownerId: OWNER,
            vector: vectors[w] as Float32Array,
          })),
        ),
      );
    }
    await store.vectorsSettled();
  } finally {
    store.close();
    await (embedder as { close?: () => Promise<void> }).close?.();
  }
  return passages.map((passage) => corpus.question(passage));
};

/** The questions of a store built into `dataDir` (kept, or reused), and the build's own figures. */
interface Built {
  chunks: number;
  buildS: number;
  embedder: BenchEmbedderName;
}

/** Times the questions of a built store in a separate process and makes its row. */
const measure = async (dataDir: string, built: Built): Promise<ScaleRow> => {
  const diskMiB = (await folderBytes(dataDir)) / 2 ** 20;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    // This process's flags too (e.g. `--conditions=docent-source` when run with plain `node`).
    [
      ...process.execArgv,
      path.join(import.meta.dirname, 'scale-queries.ts'),
      dataDir,
      path.join(dataDir, 'questions.json'),
      built.embedder,
    ],
    { maxBuffer: 1 << 20 },
  );
  const figures = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as QueryFigures;
  return {
    chunks: built.chunks,
    buildS: built.buildS,
    diskMiB,
    rssMiB: figures.rssMiB,
    askP50Ms: figures.askP50Ms,
    askP95Ms: figures.askP95Ms,
    askSerialP95Ms: figures.askSerialP95Ms,
    askCpuP50Ms: figures.askCpuP50Ms,
    overlapP50: figures.overlapP50,
    recallAt10: figures.recallAt10,
    lexicalP95Ms: figures.lexicalP95Ms,
    denseP95Ms: figures.vectorP95Ms,
    lexicalCpuP95Ms: figures.lexicalCpuP95Ms,
    denseCpuP95Ms: figures.vectorCpuP95Ms,
    rssAnonMiB: figures.rssAnonMiB,
    rssFileMiB: figures.rssFileMiB,
    firstAskMs: figures.firstAskMs,
    warmUpMs: figures.warmUpMs,
    prewarmMiB: figures.prewarmMiB,
    prewarmMs: figures.prewarmMs,
    openReadMiB: figures.openReadMiB,
    askReadMiB: figures.askReadMiB,
  };
};

/** Keeps a built store's questions and figures beside it (for `--reuse`), then measures it. */
const recordAndMeasure = async (dataDir: string, questions: string[], built: Built): Promise<ScaleRow> => {
  await writeFile(path.join(dataDir, 'questions.json'), JSON.stringify(questions));
  await writeFile(path.join(dataDir, 'built.json'), JSON.stringify(built));
  return measure(dataDir, built);
};

/** Builds and measures one corpus per size; each row's store is deleted afterwards. */
export async function benchScale(
  sizes: number[],
  options?: { embedder?: 'hashing' | 'use-lite' },
): Promise<ScaleRow[]> {
  const embedder = options?.embedder ?? 'hashing';
  // For looking into a built store afterwards (CLI `--keep`): its folder is printed, not deleted.
  const keep = process.env.DOCENT_SCALE_KEEP === '1';
  const rows: ScaleRow[] = [];
  for (const chunks of sizes) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-scale-'));
    try {
      const started = performance.now();
      const questions = await build(dataDir, chunks, embedder);
      const built: Built = { chunks, buildS: (performance.now() - started) / 1000, embedder };
      rows.push(await recordAndMeasure(dataDir, questions, built));
    } finally {
      if (keep) console.error(`scale ${chunks}: kept ${dataDir} (measure again: --reuse ${dataDir})`);
      else await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Finishes a build of `chunks` chunks whose SQLite part is in `dataDir` (see `build`), then measures it. */
const benchScaleResumed = async (dataDir: string, chunks: number): Promise<ScaleRow> => {
  const started = performance.now();
  const questions = await build(dataDir, chunks, 'hashing', true);
  // The build's time is not known: this is the resumed part's alone.
  const built: Built = { chunks, buildS: (performance.now() - started) / 1000, embedder: 'hashing' };
  return recordAndMeasure(dataDir, questions, built);
};

/**
 * Measures a store kept by `--keep` again (e.g. with other `DOCENT_ANN_*` settings); `cold` drops its
 * files from the page cache first.
 */
export const benchScaleAgain = async (dataDir: string, options: { cold?: boolean } = {}): Promise<ScaleRow> => {
  if (options.cold === true) await evictFromPageCache(dataDir);
  return measure(dataDir, JSON.parse(await readFile(path.join(dataDir, 'built.json'), 'utf8')) as Built);
};

if (import.meta.main) {
  const args = process.argv.slice(2);
  const embedderAt = args.indexOf('--embedder');
  const embedder = embedderAt >= 0 && args[embedderAt + 1] === 'use-lite' ? 'use-lite' : 'hashing';
  if (args.includes('--keep')) process.env.DOCENT_SCALE_KEEP = '1';
  const sizes = args.filter((arg) => /^\d+$/u.test(arg)).map(Number);
  const reuse = args.indexOf('--reuse');
  const resume = args.indexOf('--resume');
  const rows =
    reuse >= 0
      ? [await benchScaleAgain(args[reuse + 1] as string, { cold: args.includes('--cold') })]
      : resume >= 0
        ? [await benchScaleResumed(args[resume + 1] as string, sizes[0] ?? 0)]
        : await benchScale(sizes.length > 0 ? sizes : [10_000, 100_000], { embedder });
  const columns: Array<[string, (row: ScaleRow) => string]> = [
    ['chunks', (row) => String(row.chunks)],
    ['build s', (row) => row.buildS.toFixed(1)],
    ['disk MiB', (row) => row.diskMiB.toFixed(0)],
    ['RSS MiB', (row) => row.rssMiB.toFixed(0)],
    ['anon MiB', (row) => row.rssAnonMiB.toFixed(0)],
    ['file MiB', (row) => row.rssFileMiB.toFixed(0)],
    ['first ms', (row) => row.firstAskMs.toFixed(0)],
    ['warm ms', (row) => row.warmUpMs.toFixed(0)],
    ['prewarm MiB', (row) => row.prewarmMiB.toFixed(0)],
    ['prewarm ms', (row) => row.prewarmMs.toFixed(0)],
    ['open rd MiB', (row) => row.openReadMiB.toFixed(1)],
    ['ask rd MiB', (row) => row.askReadMiB.toFixed(1)],
    ['ask p50 ms', (row) => row.askP50Ms.toFixed(1)],
    ['ask p95 ms', (row) => row.askP95Ms.toFixed(1)],
    ['serial p95', (row) => row.askSerialP95Ms.toFixed(1)],
    ['ask CPU p50', (row) => row.askCpuP50Ms.toFixed(1)],
    ['overlap', (row) => row.overlapP50.toFixed(2)],
    ['dense p95', (row) => row.denseP95Ms.toFixed(1)],
    ['dense CPU95', (row) => row.denseCpuP95Ms.toFixed(1)],
    ['BM25 p95 ms', (row) => row.lexicalP95Ms.toFixed(1)],
    ['BM25 CPU95', (row) => row.lexicalCpuP95Ms.toFixed(1)],
    ['recall@10', (row) => row.recallAt10.toFixed(3)],
  ];
  console.log(columns.map(([name]) => name.padStart(12)).join(''));
  for (const row of rows) console.log(columns.map(([, cell]) => cell(row).padStart(12)).join(''));
}
