import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expectDocentError } from '@docent/testing';
import { getLoadablePath } from 'sqlite-vec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { buildMigrations, type Migration } from './migrations.ts';
import { openDatabase } from './open-database.ts';
import { SqliteQueryHistoryRepository } from './sqlite-query-history-repository.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

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

  it('upgrades a version 8 file with history: old entries keep their fields and gain none of the new ones', async () => {
    const old = new DatabaseSync(file, { allowExtension: true });
    old.loadExtension(getLoadablePath());
    migrate(
      old,
      buildMigrations({ dimensions: 8 }).filter((step) => step.version <= 8),
    );
    // Rows as the version 8 schema stored them, before conversations and usage existed.
    const insert = old.prepare(
      `INSERT INTO query_history
         (owner_id, id, question, answer, abstained, citations, document_ids, asked_at, asked_ms, redacted)
       VALUES ('o1', ?, ?, 'Use --max-time.', 0, '[]', ?, ?, ?, 0)`,
    );
    insert.run('h1', 'Which flag limits time?', null, '2024-01-01T00:00:00.000Z', Date.UTC(2024, 0, 1));
    insert.run('h2', 'And retries?', '["d1"]', '2024-01-02T00:00:00.000Z', Date.UTC(2024, 0, 2));
    old.close();

    const db = openDatabase(file, { dimensions: 8 });
    expect(db.prepare('SELECT max(version) AS version FROM schema_migrations').get()).toEqual({
      version: buildMigrations({ dimensions: 8 }).at(-1)?.version,
    });
    const history = new SqliteQueryHistoryRepository(db, new SqliteUnitOfWork(db));
    const base = { ownerId: 'o1', answer: 'Use --max-time.', abstained: false, citations: [] };
    expect((await history.list('o1', { limit: 5 })).items).toStrictEqual([
      { ...base, id: 'h2', question: 'And retries?', documentIds: ['d1'], askedAt: '2024-01-02T00:00:00.000Z' },
      { ...base, id: 'h1', question: 'Which flag limits time?', askedAt: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(await history.usageTotals('o1')).toEqual({ questions: 2, inputTokens: 0, outputTokens: 0, costUsd: 0 });
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
