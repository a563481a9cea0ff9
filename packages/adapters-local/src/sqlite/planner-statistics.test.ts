import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { makeVectorEntry, seededVector, uniqueId } from '@docent/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';

const analysedTables = (dataDir: string): string[] => {
  const reader = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
  try {
    const exists = reader.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
    if (exists === undefined) return [];
    return (reader.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').all() as { tbl: string }[]).map((row) => row.tbl);
  } finally {
    reader.close();
  }
};

describe('planner statistics of an open store', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  const fill = (store: TemporaryStore['store']) => {
    const ownerId = uniqueId('owner');
    return store.VectorIndex.upsert(
      Array.from({ length: 300 }, (_, i) => makeVectorEntry(seededVector(TEST_DIMENSIONS, i), { ownerId })),
    );
  };

  it('are written while the store stays open, not only when it closes', async () => {
    temporary = openTemporaryStore({ statisticsRefreshMs: 20, approximateSearch: false });
    expect(analysedTables(temporary.dataDir)).not.toContain('vector_entries');
    await fill(temporary.store);
    await vi.waitFor(() => expect(analysedTables(temporary?.dataDir ?? '')).toContain('vector_entries'), {
      timeout: 5_000,
    });
  });

  it('are written on open when the store has none (a crash skips the close that writes them)', async () => {
    temporary = openTemporaryStore({ statisticsRefreshMs: 3_600_000, approximateSearch: false });
    await fill(temporary.store);
    temporary.store.close();
    const writer = new DatabaseSync(path.join(temporary.dataDir, 'docent.db'));
    writer.exec('DROP TABLE sqlite_stat1');
    writer.close();
    expect(analysedTables(temporary.dataDir)).toEqual([]);
    temporary.reopen();
    expect(analysedTables(temporary.dataDir)).toContain('vector_entries');
  });
});
