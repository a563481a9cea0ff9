/** The durable embedded store: every adapter of `@docent/adapters-local` except the embedder. */
export { FileBlobStore } from '../blob/file-blob-store.ts';
export type { PageReader } from '../prewarm/page-reader.ts';
export type { PrewarmOptions, PrewarmReport } from '../prewarm/prewarm-database.ts';
export { type LocalIdentityOptions, LocalIdentityProvider } from '../sqlite/local-identity-provider.ts';
export { openDatabase } from '../sqlite/open-database.ts';
export type { ScryptParams } from '../sqlite/password-hasher.ts';
export { SqliteChunkRepository } from '../sqlite/sqlite-chunk-repository.ts';
export { SqliteDocumentRepository } from '../sqlite/sqlite-document-repository.ts';
export { type BackoffOptions, SqliteJobQueue } from '../sqlite/sqlite-job-queue.ts';
export { type LexicalSearchOptions, SqliteLexicalIndex } from '../sqlite/sqlite-lexical-index.ts';
export { SqliteQueryHistoryRepository } from '../sqlite/sqlite-query-history-repository.ts';
export { SqliteUnitOfWork } from '../sqlite/sqlite-unit-of-work.ts';
export { SqliteVectorIndex } from '../sqlite/sqlite-vector-index.ts';
export type { BackedUpFile, BackupManifest } from './backup-manifest.ts';
export { type BackupOptions, type BackupResult, backupDataDir } from './backup-store.ts';
export { type AskConnection, openAskConnection } from './open-ask-connection.ts';
export {
  type ApproximateSearchOptions,
  DEFAULT_APPROXIMATE_SEARCH,
  type LocalStore,
  type LocalStoreOptions,
  openLocalStore,
} from './open-local-store.ts';
export { type RestoreOptions, type RestoreResult, restoreDataDir } from './restore-store.ts';
