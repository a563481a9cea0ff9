import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { CHUNKS_BY_ID_SQL } from './sqlite-chunk-repository.ts';
import { DOCUMENTS_BY_ID_SQL } from './sqlite-document-repository.ts';

// A store that was never closed has no planner statistics (`PRAGMA optimize` runs on close). The
// lookups by id must not depend on them: each id is one primary-key search, never a scan of the
// owner's rows per id (which tripled an ask's CPU on a freshly ingested store).
describe('lookups by id on a store without planner statistics', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const plan = (sql: string): string[] => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-plans-'));
    const db = openDatabase(path.join(dir, 'docent.db'), { dimensions: 4 });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
    } finally {
      db.close();
    }
  };

  it.each([
    ['chunks', CHUNKS_BY_ID_SQL, 'c', 'sqlite_autoindex_chunks_1'],
    ['documents', DOCUMENTS_BY_ID_SQL, 'd', 'sqlite_autoindex_documents_1'],
  ])('%s: the ids are scanned, each row found by its key', (_, sql, alias, key) => {
    const steps = plan(sql);
    expect(steps[0]).toMatch(/^SCAN ids /);
    expect(steps[1]).toBe(`SEARCH ${alias} USING INDEX ${key} (owner_id=? AND id=?)`);
  });
});
