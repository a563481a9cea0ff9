import { unitVector } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { heldPageReaders } from '../../test-support/held-page-reader.ts';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';

const OWNER = 'owner-1';

describe('openLocalStore with a pre-read', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  it('answers questions while the pre-read waits on the disk, and close stops it', async () => {
    const readers = heldPageReaders();
    temporary = openTemporaryStore({ prewarm: { budgetBytes: 1 << 20, openReader: readers.open } });
    await temporary.store.prewarmed();
    await temporary.store.LexicalIndex.add([
      { chunkId: 'c1', documentId: 'd1', ownerId: OWNER, text: 'Lanterns glow at the harbour.', documentName: 'a.txt' },
    ]);
    await temporary.store.VectorIndex.upsert([
      { chunkId: 'c1', documentId: 'd1', ownerId: OWNER, vector: unitVector(TEST_DIMENSIONS, 2) },
    ]);
    temporary.store.close();

    // Reopened as after a restart, with every read of the pre-read held until released.
    readers.hold();
    const readsBefore = readers.reads;
    const store = temporary.reopen();
    await readers.waiting();
    let warmed = false;
    void store.warmedUp().then(() => {
      warmed = true;
    });
    const lexical = await store.LexicalIndex.search({ ownerId: OWNER, text: 'lantern', limit: 5 });
    const dense = await store.VectorIndex.search({ ownerId: OWNER, vector: unitVector(TEST_DIMENSIONS, 2), limit: 5 });
    expect(lexical.map((hit) => hit.chunkId)).toEqual(['c1']);
    expect(dense.map((hit) => hit.chunkId)).toEqual(['c1']);
    expect(warmed).toBe(false);

    store.close();
    readers.release();
    expect(await store.prewarmed()).toMatchObject({ ended: 'closed' });
    expect(readers.reads - readsBefore).toBe(1);
    expect(readers.closed).toBe(readers.opened);
  });

  it('reads the question tables first and then the whole store when it fits; warmedUp resolves after it', async () => {
    const readers = heldPageReaders();
    temporary = openTemporaryStore({ prewarm: { budgetBytes: 1 << 30, openReader: readers.open } });
    await temporary.store.warmedUp();
    // The pre-read closes its file when it ends: warm means pre-read.
    expect(readers.closed).toBe(1);
    const report = await temporary.store.prewarmed();
    expect(report).toMatchObject({ ended: 'done', wholeFile: true });
    expect(report.btrees.map((b) => b.name).slice(0, 2)).toEqual(['lexical_fts_idx', 'lexical_fts_data']);
    expect(readers.bytes).toBeGreaterThanOrEqual(report.bytes);
    expect(readers.closed).toBe(1);
  });

  it('reads nothing without the option', async () => {
    temporary = openTemporaryStore();
    expect(await temporary.store.prewarmed()).toMatchObject({ ended: 'off', bytes: 0 });
  });
});
