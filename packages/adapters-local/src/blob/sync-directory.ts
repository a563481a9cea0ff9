import { open } from 'node:fs/promises';

/** Makes renames and new entries in `dir` durable: they are on disk once this returns. */
export const syncDirectory = async (dir: string): Promise<void> => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};
