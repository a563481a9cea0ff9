import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type BackupManifest, backupDataDir, restoreDataDir } from '@docent/adapters-local';
import { loadConfig, VERSION } from '@docent/local-server';
import { create, extract } from 'tar';
import { CliError, EXIT } from '../client/cli-error.ts';
import { cliEnv, type GlobalOptions } from '../client/global-options.ts';
import type { Terminal } from '../output/terminal.ts';

const MIB = 1024 * 1024;

const describe = (manifest: BackupManifest): string => {
  const bytes = manifest.database.bytes + manifest.blobs.reduce((sum, blob) => sum + blob.bytes, 0);
  const { users, documents, chunks } = manifest.counts;
  return `${documents} documents, ${chunks} chunks, ${users} users, ${manifest.blobs.length} blobs, ${(bytes / MIB).toFixed(1)} MiB`;
};

/** A scratch folder beside `near`, always removed. */
const withStaging = async <T>(near: string, work: (folder: string) => Promise<T>): Promise<T> => {
  const folder = await mkdtemp(path.join(near, '.docent-staging-'));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};

/**
 * `docent backup <file>`: an online backup of the data dir (safe while `docent serve` runs: SQLite's
 * backup API reads a snapshot) packed into one gzipped tar archive. Inside, `manifest.json` keeps
 * every file's SHA-256; restore checks them all. The archive appears only once complete.
 */
export const backup = async (terminal: Terminal, file: string, options: GlobalOptions): Promise<number> => {
  const config = loadConfig(cliEnv(options), process.cwd());
  const target = path.resolve(file);
  if (existsSync(target)) throw new CliError(`${file} exists already: name a new file`, EXIT.usage);
  const started = performance.now();
  const manifest = await withStaging(path.dirname(target), async (staging) => {
    const folder = path.join(staging, 'backup');
    const result = await backupDataDir({
      dataDir: config.dataDir,
      target: folder,
      appVersion: VERSION,
      embedder: config.embedder.kind,
    });
    const partial = path.join(staging, 'backup.tar.gz');
    await create({ gzip: true, file: partial, cwd: folder, portable: true }, ['.']);
    await rename(partial, target);
    return result.manifest;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (terminal.json) terminal.printJson({ file: target, dataDir: config.dataDir, manifest });
  else terminal.out(`Backed up ${describe(manifest)} from ${config.dataDir} to ${target} in ${seconds} s`);
  return EXIT.ok;
};

/** `docent restore <file>`: fills an empty data dir from a backup archive, every checksum verified. */
export const restore = async (terminal: Terminal, file: string, options: GlobalOptions): Promise<number> => {
  const config = loadConfig(cliEnv(options), process.cwd());
  const archive = path.resolve(file);
  if (!existsSync(archive)) throw new CliError(`${file}: no such backup file`, EXIT.usage);
  // Unpacked beside the data dir (same disk, writable), not beside the archive, which may be read-only.
  const parent = path.dirname(config.dataDir);
  await mkdir(parent, { recursive: true });
  const manifest = await withStaging(parent, async (staging) => {
    await extract({ file: archive, cwd: staging, strict: true });
    return (await restoreDataDir({ backupDir: staging, dataDir: config.dataDir })).manifest;
  });
  if (terminal.json) terminal.printJson({ file: archive, dataDir: config.dataDir, manifest });
  else
    terminal.out(`Restored ${describe(manifest)} from ${archive} (taken ${manifest.createdAt}) into ${config.dataDir}`);
  if (manifest.embedder !== undefined && manifest.embedder !== config.embedder.kind) {
    terminal.note(
      `Note: the backup was taken with DOCENT_EMBEDDER=${manifest.embedder} (${manifest.vectorDimensions}-d vectors); this environment has ${config.embedder.kind}.`,
    );
  }
  return EXIT.ok;
};
