import { describeIdentityProviderContract } from '@docent/testing';
import { openTemporaryStore } from '../../test-support/temporary-store.ts';

describeIdentityProviderContract('LocalIdentityProvider', async (clock) => {
  const { store, cleanup } = openTemporaryStore({ clock });
  return { identity: store.IdentityProvider, cleanup };
});
