import { DatabaseSync } from 'node:sqlite';
import { DocentError } from '@docent/domain';
import { getLoadablePath } from 'sqlite-vec';
import { migrate } from './migrate.ts';
import { buildMigrations } from './migrations.ts';

/** How long a statement waits for another connection's lock before failing as busy. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * Page cache per connection, in KiB (SQLite's default is 2 MiB). BM25 at 100k chunks re-reads
 * the same FTS5 pages question after question; from a 2 MiB cache every miss is a copy out of
 * the OS page cache: 20-23 ms of CPU per search + term statistics with the default, 15 ms with
 * 8 MiB, 11-15 ms with 32 MiB (`scripts/bench/sqlite-page-cache.ts`, load 7-8). Allocated as pages
 * are read, so a small store never uses it all; three connections (server, two ask workers)
 * hold at most 96 MiB.
 */
const PAGE_CACHE_KIB = 32 * 1024;
/** sqlite-vec's limit for one vector column. */
const MAX_DIMENSIONS = 8192;

/**
 * Opens (creating if needed) and migrates the store's database file: WAL so readers never block
 * the writer, foreign keys on, a busy timeout, a 32 MiB page cache, and sqlite-vec loaded for
 * the vector index.
 * Throws `conflict` when the file was created for vectors of another width.
 */
export const openDatabase = (file: string, options: { dimensions: number }): DatabaseSync => {
  if (!Number.isInteger(options.dimensions) || options.dimensions < 1 || options.dimensions > MAX_DIMENSIONS) {
    throw new DocentError('validation_failed', `Vector dimensions must be an integer from 1 to ${MAX_DIMENSIONS}`);
  }
  const db = new DatabaseSync(file, {
    allowExtension: true,
    enableForeignKeyConstraints: true,
    timeout: BUSY_TIMEOUT_MS,
  });
  try {
    db.loadExtension(getLoadablePath());
    // Only sqlite-vec is trusted: no SQL may load further native code.
    db.enableLoadExtension(false);
    db.exec('PRAGMA journal_mode = WAL');
    // FULL also fsyncs the WAL on commit: an acknowledged upload survives a power cut, not just a crash.
    db.exec('PRAGMA synchronous = FULL');
    db.exec(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
    migrate(db, buildMigrations(options));
    const stored = db.prepare("SELECT value FROM store_settings WHERE key = 'vector_dimensions'").get() as
      | { value: string }
      | undefined;
    if (Number(stored?.value) !== options.dimensions) {
      throw new DocentError(
        'conflict',
        `The store holds ${stored?.value}-d vectors but ${options.dimensions}-d were configured; use a new data directory or re-create it`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
