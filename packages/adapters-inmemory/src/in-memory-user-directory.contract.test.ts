import { describeUserDirectoryContract } from '@docent/testing';
import { InMemoryIdentityProvider } from './in-memory-identity-provider.ts';

describeUserDirectoryContract('InMemoryIdentityProvider', async () => {
  const identity = new InMemoryIdentityProvider({ scrypt: { N: 1024, r: 8, p: 1 } });
  return { directory: identity, identity };
});
