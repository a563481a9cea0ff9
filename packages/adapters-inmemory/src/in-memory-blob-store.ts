import type { BlobStore } from '@docent/domain';

/** Bytes in a Map. Copies on the way in and out, so neither side can change the other's bytes. */
export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(key, new Uint8Array(bytes));
  }

  async get(key: string): Promise<Uint8Array | null> {
    const bytes = this.blobs.get(key);
    return bytes === undefined ? null : new Uint8Array(bytes);
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }
}
