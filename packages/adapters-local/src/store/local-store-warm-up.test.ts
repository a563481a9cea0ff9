import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAnnStore, twoVectorDocument } from '../../test-support/ann-fixture.ts';
import type { LocalStore } from './open-local-store.ts';

const D = 16;
const OWNER = 'owner-warm';

describe('LocalStore.warmedUp', () => {
  let dataDir: string;
  const opened: LocalStore[] = [];
  const open = (approximate: boolean): LocalStore => {
    const store = openAnnStore(dataDir, D, approximate ? {} : false);
    opened.push(store);
    return store;
  };
  const graphFiles = () => readdirSync(path.join(dataDir, 'ann')).filter((name) => name.endsWith('.usearch'));

  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resolves once the graphs opened with the store hold every committed row', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-warm-'));
    let store = open(true);
    await store.VectorIndex.upsert(twoVectorDocument('d1', 1, { ownerId: OWNER, dimensions: D }));
    await store.vectorsSettled();
    store.close();
    // Rows the graph has not seen: written with the graph switched off.
    store = open(false);
    await store.VectorIndex.upsert(twoVectorDocument('d2', 2, { ownerId: OWNER, dimensions: D }));
    store.close();
    expect(graphFiles()).toEqual([expect.stringMatching(/\.0-60\.[0-9a-f]{8}\.usearch$/)]);

    store = open(true);
    await store.warmedUp();
    // Closing saves what the graph holds: had warmedUp not waited for the open and the catch-up,
    // the graph would not be ready yet and the file would still end at 60.
    store.close();
    expect(graphFiles()).toEqual([expect.stringMatching(/\.0-120\.[0-9a-f]{8}\.usearch$/)]);
  });
});
