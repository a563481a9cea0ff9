import path from 'node:path';
import type {
  ChunkRepository,
  DocumentRepository,
  LexicalIndex,
  QueryHistoryRepository,
  VectorIndex,
} from '@docent/domain';
import { type LargeOwnerSearch, SizeRoutedVectorIndex } from '../ann/size-routed-vector-index.ts';
import { openDatabase } from '../sqlite/open-database.ts';
import { SqliteChunkRepository } from '../sqlite/sqlite-chunk-repository.ts';
import { SqliteDocumentRepository } from '../sqlite/sqlite-document-repository.ts';
import { SqliteLexicalIndex } from '../sqlite/sqlite-lexical-index.ts';
import { SqliteQueryHistoryRepository } from '../sqlite/sqlite-query-history-repository.ts';
import { SqliteUnitOfWork } from '../sqlite/sqlite-unit-of-work.ts';
import { SqliteVectorIndex } from '../sqlite/sqlite-vector-index.ts';
import { SqliteVectorRows } from '../sqlite/sqlite-vector-rows.ts';

/** The ports answering a question reads (and history, which it writes), keyed like their `TOKENS`. */
export interface AskConnection {
  ChunkRepository: ChunkRepository;
  DocumentRepository: DocumentRepository;
  LexicalIndex: LexicalIndex;
  QueryHistoryRepository: QueryHistoryRepository;
  VectorIndex: VectorIndex;
  /**
   * Resolves once this connection's BM25 common-term counts are read: started when it opens, so
   * the worker's first questions need not count their terms' postings themselves.
   */
  warmedUp(): Promise<void>;
  /** Closes this connection only. Idempotent. */
  close(): void;
}

/**
 * A second connection to the store of a data directory that an open `openLocalStore` holds (it owns
 * the lock, migrated the file and sweeps blobs): for a worker thread that answers questions beside
 * the server's own connection. WAL lets its reads run while the server writes; its history writes
 * wait for the write lock like any connection's, without an fsync each (see below). Opening checks
 * the schema version and vector width, which the server has already brought up to date, so it
 * changes nothing. With `largeOwners`, owners with many vectors are searched by that index (the
 * server's approximate one) instead of an exact scan here.
 */
export const openAskConnection = (options: {
  dataDir: string;
  dimensions: number;
  largeOwners?: LargeOwnerSearch;
  /** Bytes of vectors this connection's exact search may keep in memory (default 0; see `SqliteVectorIndexOptions`). */
  scanCacheBytes?: number;
}): AskConnection => {
  const db = openDatabase(path.join(path.resolve(options.dataDir), 'docent.db'), { dimensions: options.dimensions });
  // An ask writes one history entry; an fsync per commit (the server's FULL) costs 6-15 ms of every
  // answer on this disk. With WAL, NORMAL keeps the file consistent and loses nothing when the process
  // dies; only a power cut may drop the last entries, which a question log can afford. Uploads and
  // documents keep FULL: they are written on the server's own connection.
  db.exec('PRAGMA synchronous = NORMAL');
  const uow = new SqliteUnitOfWork(db);
  const exact = new SqliteVectorIndex(db, uow, {
    dimensions: options.dimensions,
    ...(options.scanCacheBytes === undefined ? {} : { scanCacheBytes: options.scanCacheBytes }),
  });
  const lexical = new SqliteLexicalIndex(db, uow);
  // In the background from now (a page of the vocabulary per turn), not at the first question.
  const warm = lexical.warm();
  let open = true;
  return {
    ChunkRepository: new SqliteChunkRepository(db, uow),
    DocumentRepository: new SqliteDocumentRepository(db, uow),
    LexicalIndex: lexical,
    QueryHistoryRepository: new SqliteQueryHistoryRepository(db, uow),
    VectorIndex:
      options.largeOwners === undefined
        ? exact
        : new SizeRoutedVectorIndex(exact, new SqliteVectorRows(db), options.largeOwners),
    warmedUp: () => warm,
    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
};
