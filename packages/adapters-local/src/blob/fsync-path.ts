import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Flushes a file or a directory to disk. For a directory that makes its new entries and renames
 * durable; for a file written by someone else (SQLite's backup does not fsync its target), its bytes.
 */
export const fsyncPath = async (target: string): Promise<void> => {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** `fsyncPath` for callers that must finish synchronously (an index saved as the store closes). */
export const fsyncPathSync = (target: string): void => {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};
