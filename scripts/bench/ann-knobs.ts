/**
 * Where the approximate index loses recall, measured on a store kept by `scale.ts --keep`: reads
 * every vector of the bench owner from SQLite once, computes the exact max-pooled top 10 chunks
 * of each bench question, then asks graphs for them with each setting and prints recall@10 per
 * setting (and the search CPU per question, which a busy machine does not distort as much as wall
 * time). Settings: search expansion and over-fetch on the saved graph (viewed, not loaded), and
 * with `--build M/efAdd/quantization,...` graphs built here from the same vectors (`--distinct`: each
 * distinct vector once, a hit standing for every entry that stores it; `--threads N` for the build,
 * default 0 = every core).
 *   node scripts/bench/ann-knobs.ts <dataDir> [--ef 256,1024] [--fetch 4,8] [--build 32/128/f16,16/64/f16] [--distinct]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Index, MetricKind, ScalarKind } from 'usearch';
import { openDatabase } from '../../packages/adapters-local/src/sqlite/open-database.ts';
import { createBenchEmbedder } from './bench-embedder.ts';
import { percentile } from './bench-support.ts';

const OWNER = 'bench-owner';
const LIMIT = 100;
const TOP = 10;

const [dataDir, ...rest] = process.argv.slice(2);
if (dataDir === undefined)
  throw new Error('usage: ann-knobs.ts <dataDir> [--ef a,b] [--fetch a,b] [--build M/ef/q,...]');
const option = (name: string, fallback: string): string[] => {
  const at = rest.indexOf(name);
  return (at >= 0 ? (rest[at + 1] ?? fallback) : fallback).split(',').filter((s) => s !== '');
};
const efs = option('--ef', '128,512,1024,2048').map(Number);
const fetches = option('--fetch', '4,8').map(Number);
const builds = option('--build', '');
const distinctOnly = rest.includes('--distinct');
const buildThreads = Number(option('--threads', '0')[0]);

const embedder = createBenchEmbedder('hashing');
const D = embedder.dimensions;
const questions = JSON.parse(readFileSync(path.join(dataDir, 'questions.json'), 'utf8')) as string[];
const queries = await embedder.embed(questions, { purpose: 'query' });

// Every vector of the owner, in entry-id order, with its chunk.
const db = openDatabase(path.join(dataDir, 'docent.db'), { dimensions: D });
const rows = db
  .prepare(
    `SELECT e.entry_id AS id, e.chunk_id AS chunk, v.embedding AS embedding
     FROM vector_entries AS e JOIN vector_items AS v ON v.rowid = e.entry_id WHERE e.owner_id = ? ORDER BY e.entry_id`,
  )
  .all(OWNER) as Array<{ id: number; chunk: string; embedding: Uint8Array }>;
db.close();
const n = rows.length;
const matrix = new Float32Array(n * D);
const chunkOf = new Map<number, string>();
const slotOf = new Map<number, number>();
/** Entries by their vector's hash: the first entry of each stands for the others in a `--distinct` graph. */
const distinct = new Map<string, number[]>();
rows.forEach((row, i) => {
  matrix.set(new Float32Array(row.embedding.slice().buffer), i * D);
  chunkOf.set(row.id, row.chunk);
  slotOf.set(row.id, i);
  const hash = createHash('sha1').update(row.embedding).digest('hex');
  distinct.set(hash, [...(distinct.get(hash) ?? []), row.id]);
});
/** Every entry holding the same vector as a representative entry. */
const sameAs = new Map([...distinct.values()].map((group) => [group[0] as number, group]));
const ids = rows.map((row) => row.id);
console.log(`${n} vectors, ${new Set(chunkOf.values()).size} chunks, ${distinct.size} distinct vectors`);

const norm = (v: Float32Array, at = 0): number => {
  let s = 0;
  for (let d = 0; d < D; d++) s += (v[at + d] as number) ** 2;
  return Math.sqrt(s);
};
const norms = Float32Array.from({ length: n }, (_, i) => norm(matrix, i * D));
/** Exact cosine of the query and the stored vector of entry `id`. */
const cosineOf = (q: Float32Array, qNorm: number, id: number): number => {
  const at = (slotOf.get(id) as number) * D;
  let dot = 0;
  for (let d = 0; d < D; d++) dot += (q[d] as number) * (matrix[at + d] as number);
  const denominator = qNorm * (norms[at / D] as number);
  return denominator === 0 ? 0 : dot / denominator;
};
/** Chunks by their best candidate, best first (ties by chunk id), as `maxPool` does. */
const pool = (hits: ReadonlyArray<{ id: number; score: number }>): Array<{ chunk: string; score: number }> => {
  const best = new Map<string, number>();
  for (const { id, score } of hits) {
    const chunk = chunkOf.get(id) as string;
    if (score > (best.get(chunk) ?? Number.NEGATIVE_INFINITY)) best.set(chunk, score);
  }
  return [...best]
    .map(([chunk, score]) => ({ chunk, score }))
    .sort((a, b) => b.score - a.score || (a.chunk < b.chunk ? -1 : 1));
};

// Ground truth: every vector scored exactly (kept in the folder: it is the slow part).
const truthFile = path.join(dataDir, 'ann-truth.json');
const saved = existsSync(truthFile)
  ? (JSON.parse(readFileSync(truthFile, 'utf8')) as Array<{ chunks: string[]; tenth: number }>)
  : queries.map((q) => {
      const qNorm = norm(q);
      const top = pool(ids.map((id) => ({ id, score: cosineOf(q, qNorm, id) }))).slice(0, TOP);
      return { chunks: top.map((t) => t.chunk), tenth: top.at(-1)?.score ?? 0 };
    });
writeFileSync(truthFile, JSON.stringify(saved));
const truth = saved.map((t) => ({ chunks: new Set(t.chunks), tenth: t.tenth }));
console.log(`ground truth for ${queries.length} questions`);
if (rest.includes('--truth-only')) process.exit(0);

/** Recall@10 of `search`, strict and counting hits that tie the exact 10th score within 1e-3. */
const measure = (label: string, search: (q: Float32Array, k: number) => Array<{ id: number; score: number }>) => {
  for (const fetch of fetches) {
    let strict = 0;
    let tied = 0;
    let rescored = 0;
    const cpu: number[] = [];
    queries.forEach((q, i) => {
      const t = truth[i] as (typeof truth)[number];
      const before = process.cpuUsage();
      const hits = search(q, LIMIT * fetch);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      const top = pool(hits).slice(0, TOP);
      strict += top.filter((h) => t.chunks.has(h.chunk)).length;
      const qNorm = norm(q);
      tied += top.filter((h) => t.chunks.has(h.chunk) || h.score >= t.tenth - 1e-3).length;
      // The same candidates scored exactly (f32): what is left is the graph missing them.
      const exact = pool(hits.map((h) => ({ id: h.id, score: cosineOf(q, qNorm, h.id) }))).slice(0, TOP);
      rescored += exact.filter((h) => t.chunks.has(h.chunk)).length;
    });
    cpu.sort((a, b) => a - b);
    const all = queries.length * TOP;
    console.log(
      `${label.padEnd(28)} fetch ${String(fetch).padStart(2)}x  recall@10 ${(strict / all).toFixed(3)}  ` +
        `(ties within 1e-3 counted: ${(tied / all).toFixed(3)}; candidates rescored f32: ${(rescored / all).toFixed(3)})  ` +
        `CPU ms/question p50 ${percentile(cpu, 50).toFixed(1)} p95 ${percentile(cpu, 95).toFixed(1)}`,
    );
  }
};

/**
 * usearch searches with a candidate list of max(expansion_search, k): an index made with a small
 * expansion and asked for max(k, ef) hits, cut to k, searches as with expansion ef.
 */
const searcher = (index: Index, ef: number) => (q: Float32Array, k: number) => {
  const { keys, distances } = index.search(q, Math.max(k, ef), 1);
  return Array.from(keys, (key, i) => ({ id: Number(key), score: 1 - (distances[i] as number) })).slice(0, k);
};
const SCALARS = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;
const make = (connectivity: number, expansionAdd: number, q: keyof typeof SCALARS) =>
  new Index({
    dimensions: D,
    metric: MetricKind.Cos,
    quantization: SCALARS[q],
    connectivity,
    expansion_add: expansionAdd,
    expansion_search: 16,
    multi: false,
  });

// The saved graph, viewed with each search expansion.
const annDir = path.join(dataDir, 'ann');
for (const name of readdirSync(annDir).filter((f) => f.endsWith('.usearch'))) {
  const shape = /\.d\d+-(\w+)-m(\d+)\./.exec(name);
  const index = make(Number(shape?.[2]), 128, (shape?.[1] ?? 'f16') as keyof typeof SCALARS);
  index.view(path.join(annDir, name));
  for (const ef of efs) measure(`saved ${shape?.[1]} m${shape?.[2]} ef ${ef}`, searcher(index, ef));
}

/** The representatives' vectors, in entry-id order. */
const distinctMatrix = (): { keys: number[]; vectors: Float32Array } => {
  const keys = [...sameAs.keys()].sort((a, b) => a - b);
  const vectors = new Float32Array(keys.length * D);
  keys.forEach((key, i) => {
    const at = (slotOf.get(key) as number) * D;
    vectors.set(matrix.subarray(at, at + D), i * D);
  });
  return { keys, vectors };
};
/** A hit on a representative stands for every entry with its vector. */
const expand = (search: ReturnType<typeof searcher>) => (q: Float32Array, k: number) =>
  search(q, k).flatMap((hit) => (sameAs.get(hit.id) ?? [hit.id]).map((id) => ({ id, score: hit.score })));

for (const build of builds) {
  const [m, efAdd, q] = build.split('/');
  const index = make(Number(m), Number(efAdd), (q ?? 'f16') as keyof typeof SCALARS);
  const input = distinctOnly ? distinctMatrix() : { keys: ids, vectors: matrix };
  const started = performance.now();
  const before = process.cpuUsage();
  index.add(BigUint64Array.from(input.keys, BigInt), input.vectors, buildThreads);
  const used = process.cpuUsage(before);
  const label = `built m${m}/${efAdd} ${q}${distinctOnly ? ' distinct' : ''}`;
  console.log(
    `${label}: ${input.keys.length} vectors, ${((performance.now() - started) / 1000).toFixed(0)} s, CPU ${((used.user + used.system) / 1e6).toFixed(0)} s`,
  );
  for (const ef of efs) measure(`${label} ef ${ef}`, distinctOnly ? expand(searcher(index, ef)) : searcher(index, ef));
}
