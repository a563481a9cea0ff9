import type { Answerer } from '../answering/answerer.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { LlmGateway } from '../ports/llm-gateway.ts';
import type { LoginAttempts } from '../ports/login-attempts.ts';
import type { OidcClient } from '../ports/oidc-client.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { UploadSigner } from '../ports/upload-signer.ts';
import type { UserDirectory } from '../ports/user-directory.ts';
import type { VectorIndex } from '../ports/vector-index.ts';

/**
 * Every port instance the use cases run on, keyed like their `TOKENS` (as the adapter factories
 * return them, so `{ ...openLocalStore(...), Embedder, ... }` is one). The optional ones switch
 * features on: a language model, OpenID Connect sign-in, presigned uploads, the user directory.
 */
export interface Ports {
  Answerer: Answerer;
  BlobStore: BlobStore;
  ChunkRepository: ChunkRepository;
  Clock: Clock;
  DocumentRepository: DocumentRepository;
  Embedder: Embedder;
  IdentityProvider: IdentityProvider;
  Ids: Ids;
  JobQueue: JobQueue;
  LexicalIndex: LexicalIndex;
  /** The model behind a generative answerer, when one is configured (no use case calls it directly). */
  LlmGateway?: LlmGateway;
  LoginAttempts: LoginAttempts;
  /** Without one, only passwords sign in. */
  OidcClient?: OidcClient;
  QueryHistoryRepository: QueryHistoryRepository;
  TextExtractor: TextExtractor;
  UnitOfWork: UnitOfWork;
  /** Without one, files come through the API only. */
  UploadSigner?: UploadSigner;
  /** Without one, accounts cannot be listed or looked up by email (hosted identity providers). */
  UserDirectory?: UserDirectory;
  VectorIndex: VectorIndex;
}

/** The ports `AskQuestion` reads: what an ask worker thread has over its own store connection. */
export type AskPorts = Pick<
  Ports,
  | 'DocumentRepository'
  | 'ChunkRepository'
  | 'LexicalIndex'
  | 'VectorIndex'
  | 'Embedder'
  | 'Answerer'
  | 'QueryHistoryRepository'
  | 'Ids'
  | 'Clock'
>;
