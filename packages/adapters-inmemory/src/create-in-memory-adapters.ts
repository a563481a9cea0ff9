import { type Clock, createRandomIds, type Ids, systemClock } from '@docent/domain';
import { HashingEmbedder } from './hashing-embedder.ts';
import { InMemoryBlobStore } from './in-memory-blob-store.ts';
import { InMemoryChunkRepository } from './in-memory-chunk-repository.ts';
import { InMemoryDocumentRepository } from './in-memory-document-repository.ts';
import { InMemoryIdentityProvider } from './in-memory-identity-provider.ts';
import { InMemoryJobQueue } from './in-memory-job-queue.ts';
import { InMemoryLexicalIndex } from './in-memory-lexical-index.ts';
import { InMemoryLoginAttempts } from './in-memory-login-attempts.ts';
import { InMemoryQueryHistoryRepository } from './in-memory-query-history-repository.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';
import { InMemoryVectorIndex } from './in-memory-vector-index.ts';

/** Options of `createInMemoryAdapters`. */
export interface InMemoryAdaptersOptions {
  /** Time source shared by every adapter (default: the system clock). */
  clock?: Clock;
  /** Embedding and vector dimension (default 256). */
  dimensions?: number;
}

/** Every in-memory port instance, keyed like the `TOKENS` they bind to. */
export interface InMemoryAdapters {
  Clock: Clock;
  Ids: Ids;
  BlobStore: InMemoryBlobStore;
  ChunkRepository: InMemoryChunkRepository;
  DocumentRepository: InMemoryDocumentRepository;
  Embedder: HashingEmbedder;
  IdentityProvider: InMemoryIdentityProvider;
  JobQueue: InMemoryJobQueue;
  LexicalIndex: InMemoryLexicalIndex;
  LoginAttempts: InMemoryLoginAttempts;
  QueryHistoryRepository: InMemoryQueryHistoryRepository;
  UnitOfWork: InMemoryUnitOfWork;
  /** The identity provider itself: it keeps the accounts. */
  UserDirectory: InMemoryIdentityProvider;
  VectorIndex: InMemoryVectorIndex;
}

/**
 * A complete set of in-memory adapters sharing one clock and id generator. The unit of work spans
 * the three repositories and the job queue, so "create a document and enqueue its processing"
 * commits or rolls back as one. TextExtractor and Answerer are not storage: bind the real ones.
 */
export const createInMemoryAdapters = (options: InMemoryAdaptersOptions = {}): InMemoryAdapters => {
  const clock = options.clock ?? systemClock;
  const ids = createRandomIds(clock);
  const embedder = new HashingEmbedder({ dimensions: options.dimensions ?? 256 });
  const documents = new InMemoryDocumentRepository({ clock });
  const chunks = new InMemoryChunkRepository();
  const history = new InMemoryQueryHistoryRepository();
  const jobs = new InMemoryJobQueue({ clock, ids });
  const identity = new InMemoryIdentityProvider({ clock, ids });
  return {
    Clock: clock,
    Ids: ids,
    BlobStore: new InMemoryBlobStore(),
    ChunkRepository: chunks,
    DocumentRepository: documents,
    Embedder: embedder,
    IdentityProvider: identity,
    JobQueue: jobs,
    LexicalIndex: new InMemoryLexicalIndex(),
    LoginAttempts: new InMemoryLoginAttempts(),
    QueryHistoryRepository: history,
    UnitOfWork: new InMemoryUnitOfWork([documents, chunks, history, jobs]),
    UserDirectory: identity,
    VectorIndex: new InMemoryVectorIndex({ dimensions: embedder.dimensions }),
  };
};
