import { describeIdentityProviderContract } from '@docent/testing';
import { InMemoryIdentityProvider } from './in-memory-identity-provider.ts';

describeIdentityProviderContract('InMemoryIdentityProvider', async (clock) => ({
  identity: new InMemoryIdentityProvider({ clock, sessionTtlMs: 60 * 60 * 1000 }),
}));
