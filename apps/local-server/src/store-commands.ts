import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BackupManifest, backupDataDir, restoreDataDir } from '@docent/adapters-local';
import { loadConfig } from './config.ts';
import { UsageError } from './eval/index.ts';
import { VERSION } from './version.ts';

export const BACKUP_USAGE = 'docent backup <target-dir> [--data-dir DIR]';
export const RESTORE_USAGE = 'docent restore <backup-dir> [--data-dir DIR]';

/** The one folder argument and the data directory: `--data-dir`, else `DOCENT_DATA_DIR` (default ./data). */
const parse = (args: string[], usage: string): { folder: string; dataDir: string; embedder: string } => {
  let parsed: { positionals: string[]; values: { 'data-dir'?: string | undefined } };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: ${usage}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError(`Usage: ${usage}`);
  const config = loadConfig(process.env, process.cwd());
  const dataDir = values['data-dir'] === undefined ? config.dataDir : path.resolve(values['data-dir']);
  return { folder: path.resolve(positionals[0]), dataDir, embedder: config.embedder.kind };
};

const MIB = 1024 * 1024;

const describe = (manifest: BackupManifest): string => {
  const bytes = manifest.database.bytes + manifest.blobs.reduce((sum, blob) => sum + blob.bytes, 0);
  const { users, documents, chunks } = manifest.counts;
  return `${documents} documents, ${chunks} chunks, ${users} users, ${manifest.blobs.length} blobs, ${(bytes / MIB).toFixed(1)} MiB`;
};

/**
 * `docent backup`: an online backup of the data directory, safe while `docent serve` runs on it
 * (SQLite's backup API reads a snapshot through its own read-only connection).
 */
export const backupCommand = async (args: string[]): Promise<void> => {
  const { folder, dataDir, embedder } = parse(args, BACKUP_USAGE);
  const started = performance.now();
  const { manifest } = await backupDataDir({ dataDir, target: folder, appVersion: VERSION, embedder });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backed up ${describe(manifest)} from ${dataDir} to ${folder} in ${seconds} s`);
};

/** `docent restore`: fills an empty data directory from a backup, every checksum verified. */
export const restoreCommand = async (args: string[]): Promise<void> => {
  const { folder, dataDir, embedder } = parse(args, RESTORE_USAGE);
  const { manifest } = await restoreDataDir({ backupDir: folder, dataDir });
  console.log(`Restored ${describe(manifest)} from ${folder} (taken ${manifest.createdAt}) into ${dataDir}`);
  if (manifest.embedder !== undefined && manifest.embedder !== embedder) {
    console.warn(
      `Note: the backup was taken with DOCENT_EMBEDDER=${manifest.embedder} (${manifest.vectorDimensions}-d vectors); this environment has ${embedder}.`,
    );
  }
};
