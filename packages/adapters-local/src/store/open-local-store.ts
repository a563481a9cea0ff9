import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type {
  BlobStore,
  ChunkRepository,
  Clock,
  DocumentRepository,
  IdentityProvider,
  JobQueue,
  LexicalIndex,
  LoginAttempts,
  QueryHistoryRepository,
  UnitOfWork,
  UserDirectory,
  VectorIndex,
} from '@docent/domain';
import { createRandomIds, DocentError } from '@docent/domain';
import { ApproximateVectorIndex } from '../ann/approximate-vector-index.ts';
import type { HnswShape } from '../ann/owner-hnsw.ts';
import { FileBlobStore } from '../blob/file-blob-store.ts';
import { type PrewarmOptions, type PrewarmReport, startPrewarm } from '../prewarm/prewarm-database.ts';
import { LocalIdentityProvider } from '../sqlite/local-identity-provider.ts';
import { openDatabase } from '../sqlite/open-database.ts';
import type { ScryptParams } from '../sqlite/password-hasher.ts';
import { forgetMisleadingStatistics, keepPlannerStatistics } from '../sqlite/planner-statistics.ts';
import { SqliteChunkRepository } from '../sqlite/sqlite-chunk-repository.ts';
import { SqliteDocumentRepository } from '../sqlite/sqlite-document-repository.ts';
import type { BackoffOptions } from '../sqlite/sqlite-job-queue.ts';
import { SqliteJobQueue } from '../sqlite/sqlite-job-queue.ts';
import { type LexicalSearchOptions, SqliteLexicalIndex } from '../sqlite/sqlite-lexical-index.ts';
import { SqliteLoginAttempts } from '../sqlite/sqlite-login-attempts.ts';
import { SqliteQueryHistoryRepository } from '../sqlite/sqlite-query-history-repository.ts';
import { SqliteUnitOfWork } from '../sqlite/sqlite-unit-of-work.ts';
import { SqliteVectorIndex } from '../sqlite/sqlite-vector-index.ts';
import { SqliteVectorRows } from '../sqlite/sqlite-vector-rows.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { sweepOrphanBlobs } from './sweep-orphan-blobs.ts';

/** Where and how to open the embedded store. */
export interface LocalStoreOptions {
  /** Folder holding `docent.db`, `blobs/` and the lock file; created if missing. */
  dataDir: string;
  /** Width of the embedder's vectors; fixed for the life of the data directory. */
  dimensions: number;
  clock: Clock;
  /** Lifetime of a login session. */
  sessionTtlMs: number;
  /** Job retry timing (default 1 s doubling up to 5 min). */
  jobBackoff?: Partial<BackoffOptions>;
  /** Attempts of a job that does not set its own (default 3). */
  jobMaxAttempts?: number;
  /** Password hashing work factors (default N=2^14, r=8, p=1); tests may lower them. */
  scrypt?: ScryptParams;
  /** Approximate vector search for large owners (see `ApproximateSearchOptions`); `false` keeps every search exact. */
  approximateSearch?: Partial<ApproximateSearchOptions> | false;
  /** How BM25 searches bound their work (see `LexicalSearchOptions`); benches and tests set it. */
  lexicalSearch?: LexicalSearchOptions;
  /** Bytes of vectors the exact search may keep in memory (default 0; see `SqliteVectorIndexOptions`). */
  scanCacheBytes?: number;
  /** Time between two refreshes of the query planner's statistics (default 10 minutes; tests shorten it). */
  statisticsRefreshMs?: number;
  /**
   * Pre-reads the database pages questions read into the OS page cache in the background when the
   * store opens, up to a budget (default off; the server turns it on: `DOCENT_PREWARM_MIB`).
   */
  prewarm?: PrewarmOptions;
}

/** When and how owners get an approximate index (files in `<dataDir>/ann`). */
export interface ApproximateSearchOptions extends Omit<HnswShape, 'dimensions'> {
  /**
   * `codes`: binary codes scanned whole, rescored exactly (ADR 0040); `hnsw`: an HNSW graph, which
   * the other knobs shape.
   */
  index: 'codes' | 'hnsw';
  /** Owners and document scopes with fewer vectors are searched exactly. */
  minVectors: number;
  /** Least time between two saves of one owner's graph (default 30 s); closing always saves. */
  saveIntervalMs?: number;
}

/**
 * Binary codes by default (ADR 0040): at 1M chunks they answer with better recall than the graph
 * (0.993 against 0.960) in a fifth of the memory. The graph's knobs, measured with
 * `node scripts/bench/scale.ts` and `scripts/bench/ann-knobs.ts` (docs/performance-history.md): on the
 * synthetic corpus, connectivity 16 / expansion 64 gave recall@10 0.93 at 10k chunks and 32 / 128 gave 0.98 (f32 no better than f16, which takes half the memory);
 * at 100k chunks (374k vectors) search expansion 1,024 gave 0.920, 2,048 0.945 and 4,096 0.957
 * (misses are candidates the graph did not reach, not f16 rounding). Below ~20k vectors the exact
 * scan is fast. Segments of 1M vectors (~1.3 GiB of f16 graph while the last one is built).
 */
export const DEFAULT_APPROXIMATE_SEARCH: ApproximateSearchOptions = {
  index: 'codes',
  minVectors: 20_000,
  quantization: 'f16',
  connectivity: 32,
  expansionAdd: 128,
  expansionSearch: 4096,
  segmentVectors: 1_000_000,
  // Two threads built the graph 1.75x faster than one (150k vectors); past four, blocking the event
  // loop per batch is short enough and more threads would only crowd the embedding workers.
  insertThreads: Math.min(4, availableParallelism()),
};

/** Every port the embedded store provides, keyed like their `TOKENS`, plus `close`. */
export interface LocalStore {
  BlobStore: BlobStore;
  ChunkRepository: ChunkRepository;
  DocumentRepository: DocumentRepository;
  IdentityProvider: IdentityProvider;
  JobQueue: JobQueue;
  LexicalIndex: LexicalIndex;
  LoginAttempts: LoginAttempts;
  QueryHistoryRepository: QueryHistoryRepository;
  UnitOfWork: UnitOfWork;
  /** The identity provider itself: the accounts live in the same database. */
  UserDirectory: UserDirectory;
  VectorIndex: VectorIndex;
  /**
   * Proves the store takes writes, for readiness checks: takes the write lock (`BEGIN IMMEDIATE`,
   * queued behind any open transaction), reads the schema and commits nothing. Throws when the
   * store is closed or cannot be written.
   */
  checkWritable(): Promise<void>;
  /** Resolves once the approximate vector index holds every committed vector (for benchmarks and tests). */
  vectorsSettled(): Promise<void>;
  /**
   * Resolves once the work the store starts when it opens is done: large owners' vector graphs
   * opened and caught up, BM25's common-term counts read, the database pre-read (`prewarm`).
   * Questions asked before are answered, only slower; benchmarks wait for it to time a warm store.
   */
  warmedUp(): Promise<void>;
  /** Resolves with what the pre-read at open did (`ended: 'off'` without `prewarm`); never rejects. */
  prewarmed(): Promise<PrewarmReport>;
  /** Closes the database and releases the data directory. Idempotent. */
  close(): void;
}

/**
 * Opens the durable embedded store in `dataDir`: takes the directory's lock (refusing a directory a
 * live server holds), opens and migrates `docent.db`, and builds every adapter on one connection.
 */
export const openLocalStore = (options: LocalStoreOptions): LocalStore => {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    const file = path.join(dataDir, 'docent.db');
    forgetMisleadingStatistics(file);
    const db = openDatabase(file, { dimensions: options.dimensions });
    sweepOrphanBlobs(db, path.join(dataDir, 'blobs'));
    const uow = new SqliteUnitOfWork(db);
    const statistics = keepPlannerStatistics(db, uow, options.statisticsRefreshMs);
    const ids = createRandomIds(options.clock);
    const exactVectors = new SqliteVectorIndex(db, uow, {
      dimensions: options.dimensions,
      ...(options.scanCacheBytes === undefined ? {} : { scanCacheBytes: options.scanCacheBytes }),
    });
    const approximate =
      options.approximateSearch === false
        ? null
        : (() => {
            const {
              index: kind,
              minVectors,
              saveIntervalMs,
              ...shape
            } = {
              ...DEFAULT_APPROXIMATE_SEARCH,
              ...options.approximateSearch,
            };
            const index = new ApproximateVectorIndex(exactVectors, new SqliteVectorRows(db), uow, {
              directory: path.join(dataDir, 'ann'),
              index: kind,
              minVectors,
              shape: { ...shape, dimensions: options.dimensions },
              ...(saveIntervalMs !== undefined && { saveIntervalMs }),
            });
            index.openLargeOwners();
            return index;
          })();
    let open = true;
    const identity = new LocalIdentityProvider(db, uow, {
      clock: options.clock,
      ids,
      sessionTtlMs: options.sessionTtlMs,
      ...(options.scrypt !== undefined && { scrypt: options.scrypt }),
    });
    const lexical = new SqliteLexicalIndex(db, uow, options.lexicalSearch);
    // After a restart the file's pages are often not in the page cache: read the ones questions
    // need before questions have to wait on the disk for each (docs/adr/0030-warm-start.md).
    const prewarm = startPrewarm(db, file, options.prewarm ?? { budgetBytes: 0 });
    return {
      BlobStore: new FileBlobStore(path.join(dataDir, 'blobs')),
      ChunkRepository: new SqliteChunkRepository(db, uow),
      DocumentRepository: new SqliteDocumentRepository(db, uow, options.clock),
      IdentityProvider: identity,
      UserDirectory: identity,
      JobQueue: new SqliteJobQueue(db, uow, {
        clock: options.clock,
        ids,
        ...(options.jobBackoff !== undefined && { backoff: options.jobBackoff }),
        ...(options.jobMaxAttempts !== undefined && { defaultMaxAttempts: options.jobMaxAttempts }),
      }),
      LexicalIndex: lexical,
      LoginAttempts: new SqliteLoginAttempts(db, uow),
      QueryHistoryRepository: new SqliteQueryHistoryRepository(db, uow),
      UnitOfWork: uow,
      VectorIndex: approximate ?? exactVectors,
      vectorsSettled: async () => approximate?.settled(),
      warmedUp: async () => {
        await Promise.all([approximate?.warm(), lexical.warm(), prewarm.done]);
      },
      prewarmed: () => prewarm.done,
      async checkWritable() {
        if (!open) throw new DocentError('unavailable', 'The store is closed');
        await uow.write(() => db.prepare('SELECT count(*) FROM sqlite_schema').get());
      },
      close() {
        if (!open) return;
        open = false;
        try {
          prewarm.stop();
          approximate?.close();
          statistics.stop();
          db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
};
