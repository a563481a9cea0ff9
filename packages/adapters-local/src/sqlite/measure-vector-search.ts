/**
 * Measures SqliteVectorIndex at the size the local server is meant for: 20k x 512-d vectors of one
 * owner (plus 100 small owners beside them), exact cosine KNN, k = 50. Also times a brute-force scan
 * in JS over the same vectors read from SQLite, the alternative this adapter was chosen over.
 * Run: `node packages/adapters-local/src/sqlite/measure-vector-search.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { VectorEntry } from '@docent/domain';
import { systemClock } from '@docent/domain';
import { openLocalStore } from '../store/open-local-store.ts';

const DIMENSIONS = 512;
const VECTORS = 20_000;
const DOCUMENTS = 200;
const QUERIES = 30;
const K = 50;

const randomUnit = (): Float32Array => {
  const vector = new Float32Array(DIMENSIONS);
  let norm = 0;
  for (let i = 0; i < DIMENSIONS; i++) {
    vector[i] = Math.random() - 0.5;
    norm += (vector[i] ?? 0) ** 2;
  }
  return vector.map((value) => value / Math.sqrt(norm));
};

const timeEach = async (runs: number, action: () => Promise<unknown> | unknown): Promise<string> => {
  await action();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms`;
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'docent-measure-'));
const store = openLocalStore({ dataDir, dimensions: DIMENSIONS, clock: systemClock, sessionTtlMs: 60_000 });
try {
  const entries: VectorEntry[] = Array.from({ length: VECTORS }, (_, i) => ({
    chunkId: `c${i}`,
    documentId: `d${i % DOCUMENTS}`,
    ownerId: 'owner',
    vector: randomUnit(),
  }));
  let start = performance.now();
  for (let i = 0; i < entries.length; i += 500) await store.VectorIndex.upsert(entries.slice(i, i + 500));
  console.log(`upsert ${VECTORS} x ${DIMENSIONS}-d in batches of 500: ${(performance.now() - start).toFixed(0)} ms`);
  for (let owner = 0; owner < 100; owner++) {
    await store.VectorIndex.upsert(
      Array.from({ length: 50 }, (_, i) => ({
        chunkId: `o${owner}-${i}`,
        documentId: 'd',
        ownerId: `o${owner}`,
        vector: randomUnit(),
      })),
    );
  }
  const query = () => randomUnit();
  console.log(
    `search, owner with 20k vectors:   ${await timeEach(QUERIES, () => store.VectorIndex.search({ ownerId: 'owner', vector: query(), limit: K }))}`,
  );
  const five = ['d1', 'd2', 'd3', 'd4', 'd5'];
  console.log(
    `search, 5 of its 200 documents:   ${await timeEach(QUERIES, () => store.VectorIndex.search({ ownerId: 'owner', vector: query(), documentIds: five, limit: K }))}`,
  );
  console.log(
    `search, owner with 50 vectors:    ${await timeEach(QUERIES, () => store.VectorIndex.search({ ownerId: 'o7', vector: query(), limit: K }))}`,
  );
  start = performance.now();
  await store.VectorIndex.deleteDocument('owner', 'd9');
  console.log(`deleteDocument (100 vectors):     ${(performance.now() - start).toFixed(1)} ms`);

  // Baseline: the same owner's vectors as plain float32 BLOBs, scanned in JS per query.
  const reader = new DatabaseSync(path.join(dataDir, 'docent.db'), { allowExtension: true });
  reader.exec('CREATE TEMP TABLE plain (chunk_id TEXT, owner_id TEXT, vector BLOB)');
  const insert = reader.prepare('INSERT INTO temp.plain VALUES (?, ?, ?)');
  reader.exec('BEGIN');
  for (const e of entries) insert.run(e.chunkId, e.ownerId, new Uint8Array(e.vector.buffer));
  reader.exec('COMMIT');
  const load = reader.prepare("SELECT chunk_id, vector FROM temp.plain WHERE owner_id = 'owner'");
  const bruteForce = () => {
    const q = query();
    const scored = (load.all() as Array<{ chunk_id: string; vector: Uint8Array }>).map((row) => {
      const v = new Float32Array(row.vector.buffer, row.vector.byteOffset, DIMENSIONS);
      let dot = 0;
      for (let i = 0; i < DIMENSIONS; i++) dot += (v[i] ?? 0) * (q[i] ?? 0);
      return { id: row.chunk_id, dot };
    });
    return scored.sort((a, b) => b.dot - a.dot).slice(0, K);
  };
  console.log(`baseline: JS brute force from BLOBs: ${await timeEach(10, bruteForce)}`);
  reader.close();
} finally {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
