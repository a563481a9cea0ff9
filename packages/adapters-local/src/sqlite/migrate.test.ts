import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expectDocentError } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { buildMigrations, type Migration } from './migrations.ts';
import { openDatabase } from './open-database.ts';

const schemaOf = (db: DatabaseSync): unknown[] =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

const migrationRows = (db: DatabaseSync): unknown[] =>
  db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();

describe('migrate', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-migrate-'));
    file = path.join(dir, 'docent.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('numbers the steps 1, 2, 3, ... so the order is unambiguous', () => {
    const versions = buildMigrations({ dimensions: 8 }).map((step) => step.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('applies every step once; running it again is a no-op that keeps schema, records and data', () => {
    const db = openDatabase(file, { dimensions: 8 });
    db.prepare("INSERT INTO users (id, email, password_hash, created_at) VALUES ('u1', 'a@b.c', 'x', 'now')").run();
    const schema = schemaOf(db);
    const records = migrationRows(db);
    expect(records).toHaveLength(buildMigrations({ dimensions: 8 }).length);
    expect(migrate(db, buildMigrations({ dimensions: 8 }))).toEqual([]);
    expect(schemaOf(db)).toEqual(schema);
    expect(migrationRows(db)).toEqual(records);
    expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
    db.close();
  });

  it('applies only the steps that are new', () => {
    const db = new DatabaseSync(file);
    const first: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' };
    const second: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE two (x INTEGER)' };
    expect(migrate(db, [first])).toEqual([1]);
    expect(migrate(db, [first, second])).toEqual([2]);
    db.close();
  });

  it('rolls a failing step back entirely and records nothing for it', () => {
    const db = new DatabaseSync(file);
    const broken: Migration = { version: 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); SELECT nonsense(' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").get()).toBeUndefined();
    expect(migrationRows(db)).toEqual([]);
    db.close();
  });

  it('refuses a database migrated by a newer build', async () => {
    const db = new DatabaseSync(file);
    migrate(db, [
      { version: 1, name: 'one', sql: 'SELECT 1' },
      { version: 2, name: 'two', sql: 'SELECT 1' },
    ]);
    await expectDocentError(() => migrate(db, [{ version: 1, name: 'one', sql: 'SELECT 1' }]), 'conflict');
    db.close();
  });

  it('opens the database in WAL mode with foreign keys and a busy timeout', () => {
    const db = openDatabase(file, { dimensions: 8 });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5000 });
    db.close();
  });
});
