import { type FileHandle, open } from 'node:fs/promises';

/** Reads a file for the pre-read: one read at a time, each on libuv's thread pool, never on the event loop. */
export interface PageReader {
  /**
   * Reads up to `length` bytes at `position` (fewer at the end of the file). The bytes are valid
   * until the next call: the reader reuses one buffer, since the pre-read only looks at them once.
   */
  read(position: number, length: number): Promise<Uint8Array>;
  /** The file's size in bytes. */
  size(): Promise<number>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** A `PageReader` over a file opened read-only, with one buffer of `maxReadBytes`. */
export const openPageReader = async (file: string, maxReadBytes: number): Promise<PageReader> => {
  const handle: FileHandle = await open(file, 'r');
  const buffer = Buffer.allocUnsafe(maxReadBytes);
  return {
    async read(position, length) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(length, maxReadBytes), position);
      return buffer.subarray(0, bytesRead);
    },
    size: async () => (await handle.stat()).size,
    close: () => handle.close(),
  };
};
