/**
 * Drops one folder's files from the OS page cache, so a benchmark can open a store as a server does
 * after a restart or after other work, without dropping the whole machine's cache
 * (`/proc/sys/vm/drop_caches` would slow every other process). Linux only: GNU dd's
 * `iflag=nocache count=0` is `posix_fadvise(POSIX_FADV_DONTNEED)` on the whole file, which Node does
 * not offer; a dirty page cannot be dropped, so each file is fsynced first. `fincore FILE` shows
 * what is left.
 */
import { execFile } from 'node:child_process';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export const evictFromPageCache = async (folder: string): Promise<void> => {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const handle = await open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await promisify(execFile)('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
  }
};
