import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScoredChunk, VectorEntry } from '@docent/domain';
import { seededVector } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openAnnStore, twoVectorDocument } from '../../test-support/ann-fixture.ts';
import type { LocalStore } from '../store/open-local-store.ts';

const D = 16;
const OWNER = 'owner';
const QUERIES = Array.from({ length: 12 }, (_, q) => seededVector(D, 700_000 + q));
/** Small segments, so a few documents make a chain of several files. */
const SEGMENT = 50;

const document = (documentId: string, seed: number): VectorEntry[] =>
  twoVectorDocument(documentId, seed, { ownerId: OWNER, dimensions: D });

describe('ApproximateVectorIndex in segments, mapped after a restart', () => {
  let dataDir: string;
  const opened: LocalStore[] = [];
  const open = (approximate: boolean): LocalStore => {
    const store = openAnnStore(dataDir, D, approximate ? { index: 'hnsw', segmentVectors: SEGMENT } : false);
    opened.push(store);
    return store;
  };
  /** Segment files as [from, to], in chain order. */
  const segments = () =>
    readdirSync(path.join(dataDir, 'ann'))
      .map((name) => /\.(\d+)-(\d+)\.[0-9a-f]{8}\.usearch$/.exec(name))
      .filter((match) => match !== null)
      .map((match) => [Number(match[1]), Number(match[2])])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
  const answers = async (store: LocalStore): Promise<ScoredChunk[][]> => {
    const all: ScoredChunk[][] = [];
    for (const vector of QUERIES) all.push(await store.VectorIndex.search({ ownerId: OWNER, vector, limit: 10 }));
    return all;
  };
  const ids = (all: ScoredChunk[][]) => all.map((hits) => hits.map((hit) => hit.chunkId));
  const exactIds = async (): Promise<string[][]> => {
    const store = open(false);
    const all = ids(await answers(store));
    store.close();
    return all;
  };
  /** Writes d1-d4 (240 vectors) through the graph and closes: a chain of full segments and a last one. */
  const build = async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-ann-'));
    const store = open(true);
    for (const n of [1, 2, 3, 4]) await store.VectorIndex.upsert(document(`d${n}`, n));
    await store.vectorsSettled();
    const inMemory = await answers(store);
    store.close();
    return inMemory;
  };

  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('maps the saved segments after a restart and answers exactly as the graph did in memory', async () => {
    const inMemory = await build();
    // 240 vectors in segments of at most 50, each starting where the previous one ends.
    const chain = segments();
    expect(chain.length).toBe(5);
    expect(chain[0]?.[0]).toBe(0);
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.[0]).toBe(chain[i - 1]?.[1]);
    expect(chain.at(-1)?.[1]).toBe(240);

    const expected = await exactIds();
    const store = open(true);
    // Asked at once: the search waits for the background open (a CRC check and a mapping), not a load.
    const mapped = await answers(store);
    expect(mapped).toEqual(inMemory);
    expect(ids(mapped)).toEqual(expected);
  });

  it('never returns rows deleted from mapped segments, and takes new rows after a restart', async () => {
    await build();
    let store = open(true);
    await store.vectorsSettled();
    await store.VectorIndex.deleteDocument(OWNER, 'd2');
    await store.VectorIndex.upsert(document('d5', 5));
    for (const settled of [false, true]) {
      if (settled) await store.vectorsSettled();
      const got = ids(await answers(store));
      expect(got.flat().some((id) => id.startsWith('d2-'))).toBe(false);
      expect(got.flat().some((id) => id.startsWith('d5-'))).toBe(true);
    }
    store.close();
    const expected = await exactIds();
    expect(segments().at(-1)?.[1]).toBe(300);
    store = open(true);
    expect(ids(await answers(store))).toEqual(expected);
  });

  it('rebuilds from a damaged segment on: the chain ends before it', async () => {
    await build();
    const names = readdirSync(path.join(dataDir, 'ann')).sort(
      (a, b) => Number(/\.(\d+)-/.exec(a)?.[1]) - Number(/\.(\d+)-/.exec(b)?.[1]),
    );
    writeFileSync(path.join(dataDir, 'ann', names[2] as string), 'not a graph');
    const expected = await exactIds();
    const store = open(true);
    expect(ids(await answers(store))).toEqual(expected);
    await store.vectorsSettled();
    expect(ids(await answers(store))).toEqual(expected);
    store.close();
    const chain = segments();
    expect(chain.at(-1)?.[1]).toBe(240);
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.[0]).toBe(chain[i - 1]?.[1]);
  });
});
