import type { DatabaseSync } from 'node:sqlite';
import { DocentError } from '@docent/domain';
import type { Migration } from './migrations.ts';

/**
 * Brings the database to the newest version: each pending step runs in its own transaction with
 * its `schema_migrations` row, so a crash mid-way leaves a consistent, resumable state. Running it
 * again is a no-op. Returns the versions it applied.
 */
export const migrate = (db: DatabaseSync, migrations: readonly Migration[]): number[] => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const newest = migrations.at(-1)?.version ?? 0;
  const current = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  if ((current.version ?? 0) > newest) {
    throw new DocentError(
      'conflict',
      `The database has schema version ${current.version}, newer than this build knows (${newest})`,
    );
  }
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    db.exec('BEGIN IMMEDIATE');
    try {
      if (isApplied.get(migration.version) === undefined) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
        applied.push(migration.version);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return applied;
};
