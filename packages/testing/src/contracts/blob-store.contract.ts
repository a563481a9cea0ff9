import type { BlobStore } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a BlobStore adapter's test gives the contract: an empty store. */
export interface BlobStoreFixture extends Fixture {
  store: BlobStore;
}

const key = (): string => `documents/${uniqueId('owner')}/${uniqueId('doc')}`;
const everyByte = (): Uint8Array => Uint8Array.from({ length: 512 }, (_, i) => i % 256);
const sameBytes = (actual: Uint8Array | null, expected: Uint8Array): boolean =>
  actual !== null && Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(expected));

/** Registers the tests every BlobStore must pass. */
export const describeBlobStoreContract = (adapterName: string, setup: () => Promise<BlobStoreFixture>): void => {
  describe(`BlobStore contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('round-trips every byte value exactly', async () => {
      const { store } = fixture();
      const at = key();
      const bytes = everyByte();
      await store.put(at, bytes, { contentType: 'application/octet-stream' });
      const got = await store.get(at);
      expect(got).toBeInstanceOf(Uint8Array);
      expect(got?.byteLength).toBe(bytes.byteLength);
      expect(sameBytes(got, bytes)).toBe(true);
    });

    it('round-trips an empty value and a multi-megabyte value', async () => {
      const { store } = fixture();
      const empty = key();
      const large = key();
      const big = new Uint8Array(3 * 1024 * 1024);
      for (let offset = 0; offset < big.length; offset += 65_536)
        crypto.getRandomValues(big.subarray(offset, offset + 65_536));
      await store.put(empty, new Uint8Array(0));
      await store.put(large, big);
      expect((await store.get(empty))?.byteLength).toBe(0);
      expect(sameBytes(await store.get(large), big)).toBe(true);
    });

    it('put replaces the previous value', async () => {
      const { store } = fixture();
      const at = key();
      await store.put(at, new TextEncoder().encode('first version, longer than the second'));
      await store.put(at, new TextEncoder().encode('second'));
      expect(new TextDecoder().decode((await store.get(at)) ?? undefined)).toBe('second');
    });

    it('get of a missing key is null; delete of a missing key is fine', async () => {
      const { store } = fixture();
      const at = key();
      expect(await store.get(at)).toBeNull();
      await expect(store.delete(at)).resolves.toBeUndefined();
    });

    it('delete removes only that key, even when other keys share its prefix', async () => {
      const { store } = fixture();
      const at = key();
      const longer = `${at}0`;
      await store.put(at, Uint8Array.of(1));
      await store.put(longer, Uint8Array.of(2));
      await store.delete(at);
      expect(await store.get(at)).toBeNull();
      expect(sameBytes(await store.get(longer), Uint8Array.of(2))).toBe(true);
    });

    it('keeps what was put: later changes to the given or returned arrays do not leak in', async () => {
      const { store } = fixture();
      const at = key();
      const bytes = Uint8Array.of(1, 2, 3);
      await store.put(at, bytes);
      bytes[0] = 99;
      const first = await store.get(at);
      if (first === null) throw new Error('blob vanished');
      first[1] = 99;
      expect(sameBytes(await store.get(at), Uint8Array.of(1, 2, 3))).toBe(true);
    });

    it('stores a view of a larger buffer as just the viewed bytes', async () => {
      const { store } = fixture();
      const at = key();
      const backing = Uint8Array.of(9, 9, 1, 2, 3, 9);
      await store.put(at, backing.subarray(2, 5));
      expect(sameBytes(await store.get(at), Uint8Array.of(1, 2, 3))).toBe(true);
    });
  });
};
