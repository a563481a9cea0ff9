import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

/**
 * How every file name of one owner's index starts in the index folder: the owner id hashed (ids may
 * hold any character). Both kinds of index use it, so each finds, and deletes, the other's files.
 */
export const ownerFilePrefix = (ownerId: string): string =>
  createHash('sha256').update(ownerId).digest('hex').slice(0, 32);

/** The names of the files in `directory` whose names start with `prefix` (none when it is missing). */
export const ownerFileNames = (directory: string, prefix: string): string[] => {
  try {
    return readdirSync(directory).filter((name) => name.startsWith(`${prefix}.`));
  } catch {
    return [];
  }
};
