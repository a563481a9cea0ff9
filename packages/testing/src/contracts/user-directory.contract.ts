import type { IdentityProvider, UserDirectory } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a UserDirectory adapter's test gives the contract: the directory and the provider that creates its accounts. */
export interface UserDirectoryFixture extends Fixture {
  directory: UserDirectory;
  identity: IdentityProvider;
}

/** Registers the tests every UserDirectory must pass, on a store with no accounts. */
export const describeUserDirectoryContract = (
  adapterName: string,
  setup: () => Promise<UserDirectoryFixture>,
): void => {
  describe(`UserDirectory contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('lists every account, with and without a password, ordered by email', async () => {
      const { directory, identity } = fixture();
      expect(await directory.listUsers()).toEqual([]);
      const prefix = uniqueId('u');
      const zed = await identity.register(`${prefix}-zed@example.com`, 'correct horse battery staple');
      const amy = (await identity.signInExternal(`${prefix}-amy@example.com`)).user;
      expect(await directory.listUsers()).toEqual([amy, zed]);
    });

    it('finds an account by its email, and null for an unknown one', async () => {
      const { directory, identity } = fixture();
      const email = `${uniqueId('u')}@example.com`;
      const user = await identity.register(email, 'correct horse battery staple');
      expect(await directory.findByEmail(email)).toEqual(user);
      expect(await directory.findByEmail(`${uniqueId('missing')}@example.com`)).toBeNull();
    });
  });
};
