import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { type Clock, DocentError, systemClock } from '@docent/domain';
import { blobKeyPath } from '../blob/blob-key-path.ts';
import { fsyncPath } from '../blob/fsync-path.ts';
import { copyWithDigest, digestFile, isMissingFile, requireEmptyDirectory } from './backup-files.ts';
import {
  type BackedUpFile,
  type BackupManifest,
  BLOBS_DIR,
  DATABASE_FILE,
  MANIFEST_FILE,
  type ManifestHeader,
  newManifest,
} from './backup-manifest.ts';

/** What to back up, where to, and what to note in the manifest. */
export interface BackupOptions {
  /** The store's data directory (`docent.db`, `blobs/`); a server may be running on it. */
  dataDir: string;
  /** Folder to create the backup in: absent or empty. */
  target: string;
  /** Recorded in the manifest, e.g. the program's version. */
  appVersion?: string;
  /** Recorded in the manifest: the configured embedder's name. */
  embedder?: string;
  /** Stamps `createdAt` (default the system clock). */
  clock?: Clock;
}

/** A finished backup. */
export interface BackupResult {
  target: string;
  manifest: BackupManifest;
}

// One backup step copies every page inside one read transaction, so the copy is a consistent
// snapshot even while the server writes. Smaller steps would let another connection's write
// restart the copy, and steady writes could starve it.
const ALL_PAGES = 2 ** 31 - 1;
// A document deleted between the snapshot and the blob copy takes its blob with it: start over.
const ATTEMPTS = 3;
const BUSY_TIMEOUT_MS = 5_000;

const count = (db: DatabaseSync, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const describeSnapshot = (db: DatabaseSync, options: BackupOptions, clock: Clock): ManifestHeader => {
  const schema = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number };
  const width = db.prepare("SELECT value FROM store_settings WHERE key = 'vector_dimensions'").get() as {
    value: string;
  };
  return {
    createdAt: clock.now().toISOString(),
    ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
    ...(options.embedder === undefined ? {} : { embedder: options.embedder }),
    schemaVersion: schema.version,
    vectorDimensions: Number(width.value),
    counts: { users: count(db, 'users'), documents: count(db, 'documents'), chunks: count(db, 'chunks') },
  };
};

/**
 * Copies one referenced blob. A missing file is corruption when the live store still references
 * it (`blob_missing`), and a race with a delete when it no longer does (retryable: start over).
 */
const copyBlob = async (live: DatabaseSync, dataDir: string, staging: string, key: string): Promise<BackedUpFile> => {
  const from = blobKeyPath(path.join(dataDir, BLOBS_DIR), key);
  try {
    return { path: key, ...(await copyWithDigest(from, blobKeyPath(path.join(staging, BLOBS_DIR), key))) };
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    const referenced = live.prepare('SELECT 1 FROM documents WHERE blob_key = ? LIMIT 1').get(key) !== undefined;
    throw new DocentError(
      'blob_missing',
      referenced
        ? `The store references the blob ${key}, but ${from} does not exist`
        : `The blob ${key} was deleted while the backup ran; try again`,
      { retryable: !referenced, details: { key } },
    );
  }
};

/** Snapshots the database into `staging`, then copies the blobs that snapshot references. */
const snapshot = async (live: DatabaseSync, staging: string, options: BackupOptions): Promise<BackupManifest> => {
  const file = path.join(staging, DATABASE_FILE);
  await backup(live, file, { rate: ALL_PAGES });
  const copy = new DatabaseSync(file);
  let header: ManifestHeader;
  let keys: string[];
  try {
    // The copy carries the live file's WAL flag; one self-contained file restores more simply.
    copy.exec('PRAGMA journal_mode = DELETE');
    header = describeSnapshot(copy, options, options.clock ?? systemClock);
    keys = (
      copy.prepare('SELECT DISTINCT blob_key FROM documents ORDER BY blob_key').all() as { blob_key: string }[]
    ).map((row) => row.blob_key);
  } finally {
    copy.close();
  }
  await fsyncPath(file);
  const database = { path: DATABASE_FILE, ...(await digestFile(file)) };
  // Blobs written after the snapshot belong to documents it does not hold: they are not copied.
  const blobs: BackedUpFile[] = [];
  for (const key of keys) blobs.push(await copyBlob(live, path.resolve(options.dataDir), staging, key));
  return newManifest(header, database, blobs);
};

/**
 * An online, consistent backup of the embedded store: the database through SQLite's backup API
 * (a snapshot while a server keeps writing), the blobs that snapshot references, and a manifest
 * with counts and SHA-256 checksums. It reads through its own read-only connection and takes no
 * lock, so it runs beside a live server. The backup is built in a hidden sibling folder and renamed
 * into place whole: `target` is either complete (manifest included) or untouched.
 * Throws `directory_not_empty`, `not_found` (no store in `dataDir`) or `blob_missing`.
 */
export const backupDataDir = async (options: BackupOptions): Promise<BackupResult> => {
  const dataDir = path.resolve(options.dataDir);
  const target = path.resolve(options.target);
  const databaseFile = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(databaseFile)) throw new DocentError('not_found', `${dataDir} holds no Docent store`);
  await requireEmptyDirectory(target);
  const live = new DatabaseSync(databaseFile, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    for (let attempt = 1; ; attempt++) {
      const staging = await mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.partial-`));
      try {
        const manifest = await snapshot(live, staging, options);
        await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
        await fsyncPath(staging);
        // rename(2) replaces an empty directory in one step.
        await rename(staging, target);
        await fsyncPath(path.dirname(target));
        return { target, manifest };
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        const raced = error instanceof DocentError && error.code === 'blob_missing' && error.retryable;
        if (!raced || attempt === ATTEMPTS) throw error;
      }
    }
  } finally {
    live.close();
  }
};
