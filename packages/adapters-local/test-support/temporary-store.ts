import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '@docent/domain';
import { systemClock } from '@docent/domain';
import { type LocalStore, type LocalStoreOptions, openLocalStore } from '../src/store/open-local-store.ts';

/** A store in a fresh temporary folder, for tests. */
export interface TemporaryStore {
  store: LocalStore;
  dataDir: string;
  /** Opens the same folder again (after `store.close()`), as a restarted server would. */
  reopen(): LocalStore;
  /** Closes whatever is open and deletes the folder. */
  cleanup(): Promise<void>;
}

/** Vector width used by tests: small, so fixtures stay readable. */
export const TEST_DIMENSIONS = 16;

/**
 * Opens a real store (SQLite file, blob folder, lock file) in a new temporary directory. Hashing is
 * cheapened (scrypt N=2^10) so identity tests stay fast; everything else is production code.
 */
export const openTemporaryStore = (
  options: { clock?: Clock } & Partial<Omit<LocalStoreOptions, 'dataDir' | 'clock'>> = {},
): TemporaryStore => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docent-store-'));
  const open = (): LocalStore =>
    openLocalStore({
      dimensions: TEST_DIMENSIONS,
      sessionTtlMs: 60 * 60_000,
      scrypt: { N: 2 ** 10, r: 8, p: 1 },
      ...options,
      clock: options.clock ?? systemClock,
      dataDir,
    });
  const opened: LocalStore[] = [open()];
  return {
    store: opened[0] as LocalStore,
    dataDir,
    reopen() {
      const store = open();
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
