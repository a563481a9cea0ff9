import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { blobKeyPath } from './blob-key-path.ts';
import { fsyncPath } from './fsync-path.ts';

/** No file at the key: nothing there, or only a folder of longer keys. */
const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ERR_FS_EISDIR';
};

const toUnavailable = (error: unknown, action: string): DocentError =>
  new DocentError('unavailable', `Could not ${action} a blob`, { retryable: true, cause: error });

/**
 * Blobs as files under one folder, one file per key. A put writes a temporary file beside the
 * target, fsyncs it and renames it over the target, so a reader sees the old bytes or the new ones
 * and a crash never leaves a torn file. Content types are not kept: the port never returns them.
 */
export class FileBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  /** Writes the bytes atomically and durably. */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = blobKeyPath(this.#root, key);
    const dir = path.dirname(target);
    const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
      await fsyncPath(dir);
    } catch (error) {
      await rm(temp, { force: true });
      throw toUnavailable(error, 'store');
    }
  }

  /** The bytes, or null when the key has none. */
  async get(key: string): Promise<Uint8Array | null> {
    const file = blobKeyPath(this.#root, key);
    try {
      const buffer = await readFile(file);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isMissing(error)) return null;
      throw toUnavailable(error, 'read');
    }
  }

  /** Removes the blob; a missing one is fine. */
  async delete(key: string): Promise<void> {
    const file = blobKeyPath(this.#root, key);
    try {
      await rm(file, { force: true });
    } catch (error) {
      if (!isMissing(error)) throw toUnavailable(error, 'delete');
    }
  }
}
