import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DocentError } from '@docent/domain';

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readPid = (file: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** A held lock; `release` removes the lock file if it is still ours. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the data directory's lock file `docent.lock`, which holds the owner's pid, so two servers
 * never open one store. The file appears atomically with its content (written aside, then
 * hard-linked into place). A lock left by a dead process is taken over: it is renamed away first
 * and checked to be the one judged stale, so two processes racing for it cannot both win.
 * Throws `conflict` while a live process holds it.
 */
export const acquireDataDirLock = (dataDir: string): DataDirLock => {
  const file = path.join(dataDir, 'docent.lock');
  const mine = `${process.pid}\n`;
  const draft = `${file}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, mine);
  try {
    for (let round = 0; round < 3; round++) {
      try {
        linkSync(draft, file);
        return { file, release: () => releaseIfOurs(file, mine) };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const holder = readPid(file);
      if (holder !== null && isAlive(holder)) {
        throw new DocentError('conflict', `The data directory ${dataDir} is in use by process ${holder}`, {
          details: { lockedBy: holder },
        });
      }
      takeOverStale(file, holder);
    }
    throw new DocentError('conflict', `Could not take the lock of ${dataDir}: another process keeps taking it`, {
      details: { lockedBy: readPid(file) },
    });
  } finally {
    unlinkSync(draft);
  }
};

const takeOverStale = (file: string, stalePid: number | null): void => {
  const aside = `${file}.stale.${randomBytes(6).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (readPid(aside) !== stalePid) {
    // Someone else took the stale lock over between our read and the rename: give theirs back.
    try {
      linkSync(aside, file);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
};

const releaseIfOurs = (file: string, mine: string): void => {
  try {
    if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
};
