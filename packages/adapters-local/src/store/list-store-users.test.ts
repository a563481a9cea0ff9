import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { listStoreUsers } from './list-store-users.ts';

describe('listStoreUsers', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  it('lists every account, oldest first, beside the open store, and tells password accounts apart', async () => {
    temporary = openTemporaryStore();
    const { store, dataDir } = temporary;
    expect(listStoreUsers(dataDir)).toEqual([]);
    const ann = await store.IdentityProvider.register('ann@example.org', 'Passw0rd-long');
    const bob = (await store.IdentityProvider.signInExternal('bob@example.org')).user;
    expect(listStoreUsers(dataDir)).toEqual([
      { id: ann.id, email: 'ann@example.org', createdAt: ann.createdAt, hasPassword: true },
      { id: bob.id, email: 'bob@example.org', createdAt: bob.createdAt, hasPassword: false },
    ]);
  });
});
