import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { VectorEntry } from '@docent/domain';
import { seededVector } from '@docent/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAnnStore, twoVectorDocument } from '../../test-support/ann-fixture.ts';
import { CRASH_DIMENSIONS, CRASH_OWNER } from '../../test-support/crash-fixture.ts';
import type { LocalStore } from '../store/open-local-store.ts';
import { OwnerHnsw } from './owner-hnsw.ts';

const D = CRASH_DIMENSIONS;
const OWNER = CRASH_OWNER;
const QUERIES = Array.from({ length: 12 }, (_, q) => seededVector(D, 900_000 + q));

const document = (documentId: string, seed: number): VectorEntry[] =>
  twoVectorDocument(documentId, seed, { ownerId: OWNER, dimensions: D });

type Kind = 'codes' | 'hnsw';

/** Top-10 chunk ids per query. */
const answers = async (store: LocalStore): Promise<string[][]> => {
  const all: string[][] = [];
  for (const vector of QUERIES) {
    const hits = await store.VectorIndex.search({ ownerId: OWNER, vector, limit: 10 });
    all.push(hits.map((hit) => hit.chunkId));
  }
  return all;
};

describe.each<Kind>(['codes', 'hnsw'])('ApproximateVectorIndex (%s) after a restart or a crash', (kind) => {
  let dataDir: string;
  const opened: LocalStore[] = [];
  const open = (approximate: boolean): LocalStore => {
    const store = openAnnStore(dataDir, D, approximate ? { index: kind } : false);
    opened.push(store);
    return store;
  };
  /** The index's saved files that name it: an HNSW graph's segment files, or the codes file. */
  const graphFiles = () =>
    readdirSync(path.join(dataDir, 'ann')).filter((name) => name.endsWith(kind === 'hnsw' ? '.usearch' : '.codes'));
  /** The highest entry id the saved index accounts for. */
  const savedUpTo = (): number => {
    const [file] = graphFiles();
    if (kind === 'hnsw') return Number(/\.0-(\d+)\.[0-9a-f]{8}\.usearch$/.exec(file as string)?.[1]);
    const manifest = path.join(dataDir, 'ann', (file as string).replace(/\.codes$/, '.json'));
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { watermark: number }).watermark;
  };
  /** Exact answers of the same data directory, read with the graph switched off. */
  const exactAnswers = async (): Promise<string[][]> => {
    const store = open(false);
    const all = await answers(store);
    store.close();
    return all;
  };

  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catches up with rows written and deleted while it was closed, and saves its watermark on close', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    let store = open(true);
    await store.VectorIndex.upsert([...document('d1', 1), ...document('d2', 2)]);
    await store.vectorsSettled();
    store.close();
    expect(graphFiles()).toHaveLength(1);

    // Written by a server running without the graph (or crashed before saving it).
    store = open(false);
    await store.VectorIndex.deleteDocument(OWNER, 'd1');
    await store.VectorIndex.upsert(document('d3', 3));
    store.close();

    const expected = await exactAnswers();
    expect(expected.flat().some((id) => id.startsWith('d3-'))).toBe(true);
    store = open(true);
    // Before the catch-up: the stale graph still holds d1, the live rows filter it out.
    expect(await answers(store)).toEqual(expected);
    await store.vectorsSettled();
    expect(await answers(store)).toEqual(expected);
    store.close();
    // d1, d2 and d3 took entry ids 1-180: the saved graph accounts for all of them.
    expect(graphFiles()).toHaveLength(1);
    expect(savedUpTo()).toBe(180);
  });

  it('is warmed up (LocalStore.warmedUp) once the graph opened with the store holds every committed row', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    let store = open(true);
    await store.VectorIndex.upsert(document('d1', 1));
    await store.vectorsSettled();
    store.close();
    // Rows the graph has not seen: written with the graph switched off.
    store = open(false);
    await store.VectorIndex.upsert(document('d2', 2));
    store.close();
    expect(savedUpTo()).toBe(60);

    store = open(true);
    await store.warmedUp();
    // Closing saves what the graph holds: had warmedUp not waited for the open and the catch-up,
    // the graph would not be ready yet and the file would still end at 60.
    store.close();
    expect(savedUpTo()).toBe(120);
  });

  if (kind === 'hnsw')
    it("searches a restarted graph with its own owner's stored vectors, spread over them, before it is warmed up", async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
      let store = open(true);
      const other = twoVectorDocument('o1', 7, { ownerId: 'other-owner', dimensions: D });
      const own = [...document('d1', 1), ...document('d2', 2)];
      await store.VectorIndex.upsert([...own, ...other]);
      await store.vectorsSettled();
      store.close();

      const searched = vi.spyOn(OwnerHnsw.prototype, 'search');
      try {
        store = open(true);
        await store.warmedUp();
        const key = (vector: Float32Array) => Array.from(vector).join(',');
        const ownKeys = own.map((entry) => key(entry.vector));
        const otherKeys = new Set(other.map((entry) => key(entry.vector)));
        const calls = searched.mock.calls.map(([vector], i) => ({
          vector: key(vector),
          graph: searched.mock.contexts[i],
        }));
        const ownCalls = calls.filter((call) => !otherKeys.has(call.vector));
        // Every warm-up search of a graph used a vector of that graph's owner.
        expect(ownCalls.length).toBeGreaterThanOrEqual(10);
        for (const call of ownCalls) expect(ownKeys).toContain(call.vector);
        expect(new Set(ownCalls.map((call) => call.graph)).size).toBe(1);
        expect(calls.filter((call) => call.graph === ownCalls[0]?.graph).length).toBe(ownCalls.length);
        // Spread over the owner's rows: both documents' vectors, not the first ones only.
        const positions = ownCalls.map((call) => ownKeys.indexOf(call.vector));
        expect(Math.min(...positions)).toBeLessThan(own.length / 4);
        expect(Math.max(...positions)).toBeGreaterThan((own.length * 3) / 4);
      } finally {
        searched.mockRestore();
      }
    });

  it('rebuilds a corrupt graph file from SQLite', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    let store = open(true);
    await store.VectorIndex.upsert([...document('d1', 1), ...document('d2', 2)]);
    await store.vectorsSettled();
    store.close();
    const [file] = graphFiles();
    // A graph usearch cannot read; codes that no longer match their manifest's CRC.
    writeFileSync(path.join(dataDir, 'ann', file as string), 'not a graph or codes');

    const expected = await exactAnswers();
    store = open(true);
    // The first search opens the owner: it finds no usable graph and answers exactly meanwhile.
    expect(await answers(store)).toEqual(expected);
    await store.vectorsSettled();
    expect(await answers(store)).toEqual(expected);
    store.close();
    // Rebuilt and saved again, with the same watermark (d1 and d2 took ids 1-120).
    expect(graphFiles()).toHaveLength(1);
    expect(savedUpTo()).toBe(120);
  });

  it('survives SIGKILL in the middle of writes: no deleted chunk returned, answers match exact search', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    const child = spawn(
      process.execPath,
      [path.join(import.meta.dirname, '../../test-support/write-until-killed.ts'), dataDir, kind],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let rounds = 0;
      child.stdout.on('data', (data: Buffer) => {
        rounds += data
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('round')).length;
        if (rounds >= 12) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code) => (code === null ? resolve() : reject(new Error(`writer exited with ${code}`))));
    });
    await new Promise((resolve) => child.once('close', resolve));

    const db = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
    const live = new Set(
      (db.prepare('SELECT DISTINCT chunk_id AS id FROM vector_entries').all() as Array<{ id: string }>).map(
        (r) => r.id,
      ),
    );
    db.close();
    expect(live.size).toBeGreaterThan(0);

    const expected = await exactAnswers();
    const store = open(true);
    for (const settled of [false, true]) {
      if (settled) await store.vectorsSettled();
      const got = await answers(store);
      for (const id of got.flat()) expect(live.has(id)).toBe(true);
      expect(got).toEqual(expected);
    }
  });
});

describe('ApproximateVectorIndex switched between kinds', () => {
  it('rebuilds the other kind from SQLite, answers as exact search meanwhile, and deletes the files of the kind before', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    const annFiles = () => readdirSync(path.join(dataDir, 'ann')).map((name) => name.split('.').at(-1));
    try {
      let store = openAnnStore(dataDir, D, { index: 'codes' });
      await store.VectorIndex.upsert([...document('d1', 1), ...document('d2', 2)]);
      await store.vectorsSettled();
      store.close();
      expect(annFiles().sort()).toEqual(['codes', 'ids', 'json', 'vectors']);
      const exact = openAnnStore(dataDir, D, false);
      const expected = await answers(exact);
      exact.close();
      for (const index of ['hnsw', 'codes'] as const) {
        store = openAnnStore(dataDir, D, { index });
        expect(await answers(store)).toEqual(expected);
        await store.vectorsSettled();
        store.close();
        expect(annFiles().sort()).toEqual(
          index === 'hnsw' ? ['usearch', 'verified'] : ['codes', 'ids', 'json', 'vectors'],
        );
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
