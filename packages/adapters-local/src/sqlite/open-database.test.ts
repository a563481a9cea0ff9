import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';

describe('openDatabase', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens every connection in WAL mode with a 32 MiB page cache', () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docent-db-'));
    const file = path.join(dataDir, 'docent.db');
    for (const db of [openDatabase(file, { dimensions: 8 }), openDatabase(file, { dimensions: 8 })]) {
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      // Negative: KiB rather than pages.
      expect(db.prepare('PRAGMA cache_size').get()).toEqual({ cache_size: -32 * 1024 });
      db.close();
    }
  });
});
