import type { Answerer } from './answering/answerer.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import type { ProcessDocument } from './jobs/process-document.ts';
import type { BlobStore } from './ports/blob-store.ts';
import type { ChunkRepository } from './ports/chunk-repository.ts';
import type { Clock } from './ports/clock.ts';
import type { DocumentRepository } from './ports/document-repository.ts';
import type { Embedder } from './ports/embedder.ts';
import type { IdentityProvider } from './ports/identity-provider.ts';
import type { Ids } from './ports/ids.ts';
import type { JobQueue } from './ports/job-queue.ts';
import type { LexicalIndex } from './ports/lexical-index.ts';
import type { LlmGateway } from './ports/llm-gateway.ts';
import type { LoginAttempts } from './ports/login-attempts.ts';
import type { OidcClient } from './ports/oidc-client.ts';
import type { QueryHistoryRepository } from './ports/query-history-repository.ts';
import type { TextExtractor } from './ports/text-extractor.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';
import type { UploadSigner } from './ports/upload-signer.ts';
import type { UserDirectory } from './ports/user-directory.ts';
import type { VectorIndex } from './ports/vector-index.ts';
import type * as UC from './use-cases/contracts.ts';

/** A container key that carries the type bound to it. */
export type Token<T> = symbol & { readonly __type?: T };

const token = <T>(name: string): Token<T> => Symbol.for(`docent.${name}`) as Token<T>;

/** Keys for the composition roots' containers. Plain symbols: the domain uses no decorators. */
export const TOKENS = {
  Answerer: token<Answerer>('Answerer'),
  BlobStore: token<BlobStore>('BlobStore'),
  ChunkRepository: token<ChunkRepository>('ChunkRepository'),
  Clock: token<Clock>('Clock'),
  DocumentRepository: token<DocumentRepository>('DocumentRepository'),
  Embedder: token<Embedder>('Embedder'),
  IdentityProvider: token<IdentityProvider>('IdentityProvider'),
  Ids: token<Ids>('Ids'),
  JobQueue: token<JobQueue>('JobQueue'),
  LexicalIndex: token<LexicalIndex>('LexicalIndex'),
  LlmGateway: token<LlmGateway>('LlmGateway'),
  /** Failed sign-in counters, shared by every server process (SQLite locally, DynamoDB on AWS). */
  LoginAttempts: token<LoginAttempts>('LoginAttempts'),
  /** Bound only when an OpenID Connect provider is configured. */
  OidcClient: token<OidcClient>('OidcClient'),
  QueryHistoryRepository: token<QueryHistoryRepository>('QueryHistoryRepository'),
  TextExtractor: token<TextExtractor>('TextExtractor'),
  UnitOfWork: token<UnitOfWork>('UnitOfWork'),
  /** Bound only where clients upload straight to blob storage (AWS). */
  UploadSigner: token<UploadSigner>('UploadSigner'),
  /** Bound only where accounts live in our own store (locally, in memory). */
  UserDirectory: token<UserDirectory>('UserDirectory'),
  VectorIndex: token<VectorIndex>('VectorIndex'),

  RegisterUser: token<UC.RegisterUserUseCase>('RegisterUser'),
  LogIn: token<UC.LogInUseCase>('LogIn'),
  LogOut: token<UC.LogOutUseCase>('LogOut'),
  Authenticate: token<UC.AuthenticateUseCase>('Authenticate'),
  /** Bound only with an `OidcClient`. */
  StartOidcLogin: token<UC.StartOidcLoginUseCase>('StartOidcLogin'),
  /** Bound only with an `OidcClient`. */
  FinishOidcLogin: token<UC.FinishOidcLoginUseCase>('FinishOidcLogin'),
  GetProfile: token<UC.GetProfileUseCase>('GetProfile'),
  /** Bound only with a `UserDirectory`. */
  AddUser: token<UC.AddUserUseCase>('AddUser'),
  /** Bound only with a `UserDirectory`. */
  ListUsers: token<UC.ListUsersUseCase>('ListUsers'),
  /** Bound only with a `UserDirectory`. */
  FindUser: token<UC.FindUserUseCase>('FindUser'),
  UploadDocument: token<UC.UploadDocumentUseCase>('UploadDocument'),
  /** Bound only with an `UploadSigner`. */
  RequestUpload: token<UC.RequestUploadUseCase>('RequestUpload'),
  ProcessUploadedDocument: token<UC.ProcessUploadedDocumentUseCase>('ProcessUploadedDocument'),
  ListDocuments: token<UC.ListDocumentsUseCase>('ListDocuments'),
  GetDocument: token<UC.GetDocumentUseCase>('GetDocument'),
  GetDocumentText: token<UC.GetDocumentTextUseCase>('GetDocumentText'),
  DeleteDocument: token<UC.DeleteDocumentUseCase>('DeleteDocument'),
  RetryDocument: token<UC.RetryDocumentUseCase>('RetryDocument'),
  ReindexDocuments: token<UC.ReindexDocumentsUseCase>('ReindexDocuments'),
  SweepStuckDocuments: token<UC.SweepStuckDocumentsUseCase>('SweepStuckDocuments'),
  AskQuestion: token<UC.AskQuestionUseCase>('AskQuestion'),
  SearchDocuments: token<UC.SearchDocumentsUseCase>('SearchDocuments'),
  ListHistory: token<UC.ListHistoryUseCase>('ListHistory'),
  ProcessDocument: token<ProcessDocument>('ProcessDocument'),
  JobRunner: token<JobRunner>('JobRunner'),
} as const;

/** What `buildApp` needs from a container: inversify's Container satisfies it. */
export interface Resolver {
  get<T>(token: Token<T>): T;
}
