import { statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unitVector } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldPageReaders } from '../../test-support/held-page-reader.ts';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { startPrewarm } from './prewarm-database.ts';
import { QUESTION_TABLES } from './prewarm-order.ts';

const CHUNKS = 3000;
const OWNER = 'owner-1';
/** Wide vectors, so sqlite-vec's tables (not pre-read by b-tree) are most of the file, as in a real store. */
const DIMENSIONS = 512;

describe('startPrewarm', () => {
  let temporary: TemporaryStore;
  let file: string;
  let db: DatabaseSync;
  let pageSize: number;
  /** dbstat's pages (overflow pages aside) per b-tree: what SQLite itself says each holds. */
  let dbstat: Map<string, number>;

  beforeAll(async () => {
    temporary = openTemporaryStore({ dimensions: DIMENSIONS });
    const { store } = temporary;
    // Enough rows that the FTS5 postings, the entry tables and their indexes have interior pages.
    for (let d = 0; d < CHUNKS / 100; d++) {
      const documentId = `doc-${d}`;
      const ids = Array.from({ length: 100 }, (_, i) => `${documentId}-c${i}`);
      await store.LexicalIndex.add(
        ids.map((chunkId, i) => ({
          chunkId,
          documentId,
          ownerId: OWNER,
          text: `lantern ${d} glow ${i} harbour word${(d * 100 + i) % 997} tide${i % 31} keeper of the light number ${d * i}`,
          documentName: `${documentId}.txt`,
        })),
      );
      await store.VectorIndex.upsert(
        ids.map((chunkId, i) => ({
          chunkId,
          documentId,
          ownerId: OWNER,
          vector: unitVector(DIMENSIONS, i % DIMENSIONS),
        })),
      );
    }
    store.close();
    file = path.join(temporary.dataDir, 'docent.db');
    db = new DatabaseSync(file, { readOnly: true });
    pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    const rows = db
      .prepare("SELECT name, count(*) AS pages FROM dbstat WHERE pagetype != 'overflow' GROUP BY name")
      .all() as Array<{ name: string; pages: number }>;
    dbstat = new Map(rows.map((row) => [row.name, row.pages]));
  });
  afterAll(async () => {
    db.close();
    await temporary.cleanup();
  });

  it("reads every page of the tables questions read, then their indexes' (as dbstat lists them), then the whole file that fits", async () => {
    const readers = heldPageReaders();
    const report = await startPrewarm(db, file, { budgetBytes: 1 << 30, openReader: readers.open }).done;
    expect(report.ended).toBe('done');
    const tables = report.btrees.filter((b) => (QUESTION_TABLES as readonly string[]).includes(b.name));
    expect(tables.map((b) => b.name)).toEqual(QUESTION_TABLES.filter((name) => dbstat.has(name)));
    expect(report.btrees.slice(0, tables.length)).toEqual(tables);
    expect(report.btrees.map((b) => b.name)).toContain('vector_entries_by_owner');
    for (const btree of report.btrees) {
      expect(btree).toEqual({ name: btree.name, pages: dbstat.get(btree.name), complete: true });
    }
    // The walk went through interior pages, not only roots.
    expect(Math.max(...report.btrees.map((b) => b.pages))).toBeGreaterThan(20);
    expect(report.wholeFile).toBe(true);
    expect(report.bytes).toBe(statSync(file).size);
    expect(readers.bytes).toBeGreaterThanOrEqual(statSync(file).size);
    expect(readers.closed).toBe(1);
  });

  it('reads only those b-trees when the file is larger than the budget', async () => {
    const readers = heldPageReaders();
    const size = statSync(file).size;
    const report = await startPrewarm(db, file, { budgetBytes: size - pageSize, openReader: readers.open }).done;
    expect(report).toMatchObject({ ended: 'done', wholeFile: false });
    expect(report.btrees.every((b) => b.complete)).toBe(true);
    expect(readers.bytes).toBe(report.bytes);
    expect(report.bytes).toBeLessThan(size / 2);
  });

  it('stops at the budget, whether it runs out among interior pages or leaves', async () => {
    for (const pages of [8, 40, 200]) {
      const readers = heldPageReaders();
      const budgetBytes = pages * pageSize;
      const report = await startPrewarm(db, file, { budgetBytes, openReader: readers.open }).done;
      expect(report).toMatchObject({ ended: 'budget', wholeFile: false });
      expect(report.btrees.some((b) => !b.complete)).toBe(true);
      expect(readers.bytes).toBe(report.bytes);
      expect(report.bytes).toBeLessThanOrEqual(budgetBytes);
      expect(report.btrees.reduce((sum, b) => sum + b.pages, 0)).toBeLessThanOrEqual(pages);
      for (const btree of report.btrees) expect(btree.pages).toBeLessThanOrEqual(dbstat.get(btree.name) ?? 0);
    }
  });

  it('starts no read once stopped, and closes the file', async () => {
    const readers = heldPageReaders();
    readers.hold();
    const prewarm = startPrewarm(db, file, { budgetBytes: 1 << 30, openReader: readers.open });
    await readers.waiting();
    prewarm.stop();
    readers.release();
    const report = await prewarm.done;
    expect(report.ended).toBe('closed');
    expect(readers.reads).toBe(1);
    expect(readers.closed).toBe(1);
  });

  it('ends as failed, without throwing, when a read fails', async () => {
    const readers = heldPageReaders();
    const failing = async (path: string, maxReadBytes: number) => {
      const reader = await readers.open(path, maxReadBytes);
      return { ...reader, read: async () => Promise.reject(new Error('EIO: i/o error, read')) };
    };
    const report = await startPrewarm(db, file, { budgetBytes: 1 << 30, openReader: failing }).done;
    expect(report).toMatchObject({ ended: 'failed', wholeFile: false });
    expect(readers.closed).toBe(1);
  });

  it('reads nothing with a budget of 0', async () => {
    const readers = heldPageReaders();
    const report = await startPrewarm(db, file, { budgetBytes: 0, openReader: readers.open }).done;
    expect(report).toMatchObject({ ended: 'off', bytes: 0, btrees: [] });
    expect(readers.opened).toBe(0);
  });
});
