import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expectDocentError, ManualClock, uniqueId } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';

const PASSWORD = 'correct horse battery staple';

describe('LocalIdentityProvider', () => {
  let temporary: TemporaryStore;
  const clock = new ManualClock();
  beforeEach(() => {
    temporary = openTemporaryStore({ clock, sessionTtlMs: 60_000 });
  });
  afterEach(() => temporary.cleanup());

  it('treats emails that differ only in case as the same account', async () => {
    const identity = temporary.store.IdentityProvider;
    const email = `${uniqueId('user')}@example.com`;
    await identity.register(email, PASSWORD);
    await expectDocentError(identity.register(email.toUpperCase(), PASSWORD), 'email_taken');
  });

  it('sessions last sessionTtlMs from login', async () => {
    const identity = temporary.store.IdentityProvider;
    const user = await identity.register(`${uniqueId('user')}@example.com`, PASSWORD);
    const session = await identity.login(user.email, PASSWORD);
    expect(session.expiresAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
    clock.advance(60_000);
    await expectDocentError(identity.verify(session.token), 'unauthorized');
  });

  it('stores neither passwords nor tokens, only their hashes', async () => {
    const identity = temporary.store.IdentityProvider;
    const user = await identity.register(`${uniqueId('user')}@example.com`, PASSWORD);
    const session = await identity.login(user.email, PASSWORD);
    temporary.store.close();
    const db = new DatabaseSync(path.join(temporary.dataDir, 'docent.db'), { readOnly: true });
    const stored = JSON.stringify([
      db.prepare('SELECT * FROM users').all(),
      db.prepare('SELECT * FROM sessions').all(),
    ]);
    db.close();
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(session.token);
    expect(stored).toContain(user.email);
  });

  it('logout survives a restart: a revoked token stays revoked, a live one stays live', async () => {
    const identity = temporary.store.IdentityProvider;
    const user = await identity.register(`${uniqueId('user')}@example.com`, PASSWORD);
    const revoked = await identity.login(user.email, PASSWORD);
    const live = await identity.login(user.email, PASSWORD);
    await identity.logout(revoked.token);
    temporary.store.close();
    const reopened = temporary.reopen().IdentityProvider;
    await expectDocentError(reopened.verify(revoked.token), 'unauthorized');
    expect(await reopened.verify(live.token)).toEqual({ userId: user.id, email: user.email });
  });
});
