import { describeUserDirectoryContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeUserDirectoryContract('LocalIdentityProvider', async () => {
  const { store, cleanup } = openTemporaryStore();
  return { directory: store.UserDirectory, identity: store.IdentityProvider, cleanup };
});
