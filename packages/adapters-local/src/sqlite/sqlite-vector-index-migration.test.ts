import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unitVector } from '@docent/testing';
import { getLoadablePath } from 'sqlite-vec';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { buildMigrations } from './migrations.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';
import { SqliteVectorIndex } from './sqlite-vector-index.ts';

const D = 8;

describe('vector entries per sentence (migration 8)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the one-vector-per-chunk data of older stores searchable and replaceable', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-vec-migration-'));
    const db = new DatabaseSync(path.join(dir, 'docent.db'), { allowExtension: true });
    db.loadExtension(getLoadablePath());
    const migrations = buildMigrations({ dimensions: D });
    migrate(
      db,
      migrations.filter((step) => step.version <= 7),
    );
    // A chunk vector as the version 7 schema stored it: keyed by chunk id.
    db.prepare(
      "INSERT INTO vector_entries (entry_id, chunk_id, owner_id, document_id) VALUES (1, 'c1', 'o1', 'd1')",
    ).run();
    db.prepare("INSERT INTO vector_items (rowid, owner_id, document_id, embedding) VALUES (1, 'o1', 'd1', ?)").run(
      new Uint8Array(unitVector(D, 0).buffer),
    );
    // Later steps apply too; the point is that step 8 runs on this data.
    expect(migrate(db, migrations)).toEqual(migrations.filter((step) => step.version >= 8).map((step) => step.version));

    const index = new SqliteVectorIndex(db, new SqliteUnitOfWork(db), { dimensions: D });
    const search = () => index.search({ ownerId: 'o1', vector: unitVector(D, 0), limit: 5 });
    expect(await search()).toEqual([{ chunkId: 'c1', documentId: 'd1', score: expect.closeTo(1, 4) }]);
    // Upserting the chunk without an entry id replaces its old vector instead of adding one.
    await index.upsert([{ chunkId: 'c1', documentId: 'd1', ownerId: 'o1', vector: unitVector(D, 1) }]);
    expect((await search())[0]?.score).toBeCloseTo(0, 4);
    expect(db.prepare('SELECT count(*) AS n FROM vector_entries').get()).toEqual({ n: 1 });
    db.close();
  });
});
