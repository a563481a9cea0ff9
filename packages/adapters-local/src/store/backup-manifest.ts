import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DocentError } from '@docent/domain';

/** The manifest's file name inside a backup folder; written last, so its presence marks a complete backup. */
export const MANIFEST_FILE = 'manifest.json';
/** The database snapshot's file name, in backups and data directories alike. */
export const DATABASE_FILE = 'docent.db';
/** The blob folder's name, in backups and data directories alike. */
export const BLOBS_DIR = 'blobs';

const FORMAT = 'docent-backup';
/** Bumped when the backup layout changes in a way an older restore cannot read. */
const FORMAT_VERSION = 1;

/** One copied file: where it is in the backup, its size and its SHA-256. */
export interface BackedUpFile {
  /** Relative path: `docent.db`, or a blob key (under `blobs/`). */
  path: string;
  bytes: number;
  sha256: string;
}

/** What a backup holds, written as `manifest.json`. */
export interface BackupManifest {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  createdAt: string;
  /** The version of the program that wrote the backup, when the caller named it. */
  appVersion?: string;
  /** The embedder the caller was configured with, e.g. `use-lite`; informative. */
  embedder?: string;
  /** The newest applied migration of the snapshot. */
  schemaVersion: number;
  /** Width of the stored vectors: a restored store needs an embedder of this width. */
  vectorDimensions: number;
  counts: { users: number; documents: number; chunks: number };
  database: BackedUpFile;
  /** Every blob a document of the snapshot references, keyed by blob key. */
  blobs: BackedUpFile[];
}

/** The manifest's fields that describe the snapshot, before the files are listed. */
export type ManifestHeader = Omit<BackupManifest, 'format' | 'formatVersion' | 'database' | 'blobs'>;

/** Builds a manifest of the current format. */
export const newManifest = (header: ManifestHeader, database: BackedUpFile, blobs: BackedUpFile[]): BackupManifest => ({
  format: FORMAT,
  formatVersion: FORMAT_VERSION,
  ...header,
  database,
  blobs,
});

export const backupInvalid = (message: string, cause?: unknown): DocentError =>
  new DocentError('backup_invalid', message, cause === undefined ? {} : { cause });

const isFile = (value: unknown): value is BackedUpFile => {
  const file = value as BackedUpFile;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.path === 'string' &&
    Number.isInteger(file.bytes) &&
    file.bytes >= 0 &&
    typeof file.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(file.sha256)
  );
};

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;

/** Checks the shape a restore relies on; anything else is `backup_invalid`. */
const checkManifest = (value: unknown): BackupManifest => {
  const manifest = value as BackupManifest;
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== FORMAT) {
    throw backupInvalid(`${MANIFEST_FILE} is not a Docent backup manifest`);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw backupInvalid(`Backup format ${manifest.formatVersion} is not readable by this build (${FORMAT_VERSION})`);
  }
  const counts = manifest.counts as Record<string, unknown> | undefined;
  const wellFormed =
    isCount(manifest.schemaVersion) &&
    Number.isInteger(manifest.vectorDimensions) &&
    manifest.vectorDimensions > 0 &&
    counts !== undefined &&
    ['users', 'documents', 'chunks'].every((name) => isCount(counts[name])) &&
    isFile(manifest.database) &&
    manifest.database.path === DATABASE_FILE &&
    Array.isArray(manifest.blobs) &&
    manifest.blobs.every(isFile);
  if (!wellFormed) throw backupInvalid(`${MANIFEST_FILE} is incomplete or malformed`);
  return manifest;
};

/** Reads and checks `manifest.json` of a backup folder; `backup_invalid` when absent or malformed. */
export const readManifest = async (backupDir: string): Promise<BackupManifest> => {
  let text: string;
  try {
    text = await readFile(path.join(backupDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw backupInvalid(`${backupDir} has no readable ${MANIFEST_FILE}: not a (complete) Docent backup`, error);
  }
  try {
    return checkManifest(JSON.parse(text));
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw backupInvalid(`${MANIFEST_FILE} is not valid JSON`, error);
  }
};
