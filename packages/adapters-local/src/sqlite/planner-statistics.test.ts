import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { makeVectorEntry, seededVector, uniqueId } from '@docent/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';

const withReader = <T>(dataDir: string, read: (db: DatabaseSync) => T): T => {
  const reader = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
  try {
    return read(reader);
  } finally {
    reader.close();
  }
};

const analysedTables = (dataDir: string): string[] =>
  withReader(dataDir, (db) => {
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() === undefined) return [];
    return (db.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').all() as { tbl: string }[]).map((row) => row.tbl);
  });

/** How a fresh connection plans FTS5's own read of a range of its index blocks (a segment merge's). */
const blockRangePlan = (dataDir: string): string =>
  withReader(dataDir, (db) =>
    (
      db.prepare('EXPLAIN QUERY PLAN SELECT block FROM lexical_fts_data WHERE id >= ? AND id <= ?').all() as {
        detail: string;
      }[]
    )
      .map((row) => row.detail)
      .join('; '),
  );

describe('planner statistics of an open store', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  const fill = async (store: TemporaryStore['store'], count = 1_000) => {
    const ownerId = uniqueId('owner');
    await store.VectorIndex.upsert(
      Array.from({ length: count }, (_, i) => makeVectorEntry(seededVector(TEST_DIMENSIONS, i), { ownerId })),
    );
    // Many small commits, as ingestion makes them: FTS5 writes a segment per commit and merges them.
    for (let batch = 0; batch < 20; batch++) {
      await store.LexicalIndex.add(
        Array.from({ length: count / 20 }, (_, i) => ({
          chunkId: uniqueId('chunk'),
          documentId: `doc-${batch}`,
          ownerId,
          text: `passage ${batch} ${i} about compression levels and dictionary sizes ${i % 7}`,
          documentName: 'manual.pdf',
        })),
      );
    }
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

  it('are never taken of a table while it is tiny, nor of a virtual table’s shadow tables', async () => {
    temporary = openTemporaryStore({ statisticsRefreshMs: 20, approximateSearch: false });
    // Opened empty: nothing is worth analysing yet.
    expect(analysedTables(temporary.dataDir)).toEqual([]);
    await fill(temporary.store);
    await vi.waitFor(() => expect(analysedTables(temporary?.dataDir ?? '')).toContain('lexical_entries'), {
      timeout: 5_000,
    });
    temporary.store.close();
    const tables = analysedTables(temporary.dataDir);
    expect(tables.filter((table) => /^(lexical_fts|vector_items)_/.test(table))).toEqual([]);
    expect(blockRangePlan(temporary.dataDir)).toMatch(/^SEARCH lexical_fts_data USING INTEGER PRIMARY KEY/);
  });

  it('left by an older version for tiny or shadow tables are forgotten before the store is opened', async () => {
    temporary = openTemporaryStore({ statisticsRefreshMs: 3_600_000, approximateSearch: false });
    await fill(temporary.store);
    temporary.store.close();
    const writer = new DatabaseSync(path.join(temporary.dataDir, 'docent.db'));
    writer.exec('ANALYZE');
    // What `PRAGMA optimize=0x10002` wrote on a fresh store: FTS5's block table with 2 rows.
    writer.exec("UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'lexical_fts_data'");
    writer.close();
    expect(blockRangePlan(temporary.dataDir)).toBe('SCAN lexical_fts_data');
    temporary.reopen();
    expect(analysedTables(temporary.dataDir)).not.toContain('lexical_fts_data');
    expect(blockRangePlan(temporary.dataDir)).toMatch(/^SEARCH lexical_fts_data USING INTEGER PRIMARY KEY/);
  });
});
