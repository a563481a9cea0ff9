import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ManualClock } from '@docent/testing';
import { getLoadablePath } from 'sqlite-vec';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalIdentityProvider } from './local-identity-provider.ts';
import { migrate } from './migrate.ts';
import { buildMigrations } from './migrations.ts';
import { hashPassword } from './password-hasher.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

const SCRYPT = { N: 1024, r: 8, p: 1 };

describe('users without password (migration 10)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the accounts and live sessions of an older store, and then allows password-less accounts', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'docent-users-migration-'));
    const db = new DatabaseSync(path.join(dir, 'docent.db'), {
      allowExtension: true,
      enableForeignKeyConstraints: true,
    });
    db.loadExtension(getLoadablePath());
    const migrations = buildMigrations({ dimensions: 8 });
    migrate(
      db,
      migrations.filter((step) => step.version <= 9),
    );
    const clock = new ManualClock();
    clock.set('2024-01-01T00:00:00.000Z');
    const hash = await hashPassword('correct horse battery staple', SCRYPT);
    db.prepare(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES ('u1', 'ada@example.com', ?, 'then')",
    ).run(hash);
    // A live session as version 9 stored it; the rebuild must not drop it through the cascade.
    const old = new LocalIdentityProvider(db, new SqliteUnitOfWork(db), {
      clock,
      ids: { newId: () => 'unused' },
      sessionTtlMs: 60_000,
      scrypt: SCRYPT,
    });
    const session = await old.login('ada@example.com', 'correct horse battery staple');

    expect(migrate(db, migrations)).toEqual(migrations.filter((step) => step.version >= 10).map((s) => s.version));

    let next = 0;
    const identity = new LocalIdentityProvider(db, new SqliteUnitOfWork(db), {
      clock,
      ids: { newId: () => `new${++next}` },
      sessionTtlMs: 60_000,
      scrypt: SCRYPT,
    });
    expect(await identity.verify(session.token)).toEqual({ userId: 'u1', email: 'ada@example.com' });
    expect((await identity.login('ada@example.com', 'correct horse battery staple')).user.id).toBe('u1');
    // Emails stay unique regardless of case: the provider's address opens the existing account.
    expect((await identity.signInExternal('ADA@example.com')).user.id).toBe('u1');
    const external = await identity.signInExternal('bob@example.com');
    expect(db.prepare("SELECT password_hash FROM users WHERE id = 'new1'").get()).toEqual({ password_hash: null });
    // The foreign key still cascades: deleting a user ends its sessions.
    db.prepare("DELETE FROM users WHERE id = 'new1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(external.user.id)).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%_kept' OR name LIKE '%_v10'").all()).toEqual(
      [],
    );
    db.close();
  });
});
