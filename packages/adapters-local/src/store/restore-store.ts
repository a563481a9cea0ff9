import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DocentError } from '@docent/domain';
import { blobKeyPath } from '../blob/blob-key-path.ts';
import { fsyncPath } from '../blob/fsync-path.ts';
import { buildMigrations } from '../sqlite/migrations.ts';
import { openDatabase } from '../sqlite/open-database.ts';
import { copyWithDigest, type FileDigest, isMissingFile, requireEmptyDirectory } from './backup-files.ts';
import {
  type BackedUpFile,
  type BackupManifest,
  BLOBS_DIR,
  backupInvalid,
  DATABASE_FILE,
  readManifest,
} from './backup-manifest.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

/** Which backup to restore, and into which data directory. */
export interface RestoreOptions {
  /** A folder written by `backupDataDir`. */
  backupDir: string;
  /** The data directory to fill: absent or empty, and not in use. */
  dataDir: string;
  /** The configured embedder's width, when known: a backup of another width is refused. */
  dimensions?: number;
}

/** A finished restore. */
export interface RestoreResult {
  dataDir: string;
  manifest: BackupManifest;
}

/** Refuses a backup this build cannot open, before anything is copied. */
const checkCompatible = (manifest: BackupManifest, dimensions: number | undefined): void => {
  const newest = buildMigrations({ dimensions: manifest.vectorDimensions }).at(-1)?.version ?? 0;
  if (manifest.schemaVersion > newest) {
    throw new DocentError(
      'conflict',
      `The backup has schema version ${manifest.schemaVersion}, newer than this build knows (${newest})`,
    );
  }
  if (dimensions !== undefined && dimensions !== manifest.vectorDimensions) {
    throw new DocentError(
      'conflict',
      `The backup holds ${manifest.vectorDimensions}-d vectors but the embedder gives ${dimensions}-d`,
    );
  }
};

/** Copies one file of the backup and checks that the bytes written are the ones the manifest names. */
const copyChecked = async (from: string, to: string, expected: BackedUpFile): Promise<void> => {
  let actual: FileDigest;
  try {
    actual = await copyWithDigest(from, to);
  } catch (error) {
    if (isMissingFile(error)) throw backupInvalid(`The backup lacks ${expected.path}`, error);
    throw error;
  }
  if (actual.bytes !== expected.bytes || actual.sha256 !== expected.sha256) {
    throw backupInvalid(`${expected.path} does not match its checksum in the manifest: the backup is damaged`);
  }
};

const blobPath = (root: string, key: string): string => {
  try {
    return blobKeyPath(path.join(root, BLOBS_DIR), key);
  } catch (error) {
    throw backupInvalid(`The manifest names an unsafe blob path: ${JSON.stringify(key)}`, error);
  }
};

/**
 * Opens the restored database as a server would (migrating an older schema), checks its pages, and
 * checks that it is the database the manifest describes: same documents, every blob accounted for.
 */
const checkDatabase = (dataDir: string, manifest: BackupManifest): void => {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { dimensions: manifest.vectorDimensions });
  try {
    const check = db.prepare('PRAGMA quick_check').get() as { quick_check: string };
    if (check.quick_check !== 'ok') throw backupInvalid(`The database fails SQLite's check: ${check.quick_check}`);
    const keys = db.prepare('SELECT DISTINCT blob_key FROM documents').all() as { blob_key: string }[];
    const listed = new Set(manifest.blobs.map((blob) => blob.path));
    const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    if (documents !== manifest.counts.documents || keys.some((row) => !listed.has(row.blob_key))) {
      throw backupInvalid('The database does not match the manifest (documents or blobs differ)');
    }
  } finally {
    db.close();
  }
};

/** Removes everything but the lock file: the directory was empty before the restore began. */
const undo = async (dataDir: string, keep: string): Promise<void> => {
  for (const name of await readdir(dataDir)) {
    if (name !== keep) await rm(path.join(dataDir, name), { recursive: true, force: true });
  }
};

/**
 * Restores a backup into a fresh data directory: checks the manifest, refuses a directory that is
 * not empty (`directory_not_empty`) or in use (`conflict`, via its lock, held for the duration),
 * copies the database and the blobs while checking every checksum, and opens the result once to
 * check it. A damaged or foreign backup is `backup_invalid`, one this build cannot open `conflict`;
 * either way the directory is left empty.
 */
export const restoreDataDir = async (options: RestoreOptions): Promise<RestoreResult> => {
  const backupDir = path.resolve(options.backupDir);
  const dataDir = path.resolve(options.dataDir);
  const manifest = await readManifest(backupDir);
  checkCompatible(manifest, options.dimensions);
  await requireEmptyDirectory(dataDir);
  const lock = acquireDataDirLock(dataDir);
  const lockName = path.basename(lock.file);
  try {
    // Checked again under the lock: another restore or a server may have started in between.
    await requireEmptyDirectory(dataDir, [lockName]);
    try {
      await copyChecked(path.join(backupDir, DATABASE_FILE), path.join(dataDir, DATABASE_FILE), manifest.database);
      for (const blob of manifest.blobs) {
        await copyChecked(blobPath(backupDir, blob.path), blobPath(dataDir, blob.path), blob);
      }
      checkDatabase(dataDir, manifest);
      await fsyncPath(dataDir);
    } catch (error) {
      await undo(dataDir, lockName);
      throw error;
    }
  } finally {
    lock.release();
  }
  return { dataDir, manifest };
};
