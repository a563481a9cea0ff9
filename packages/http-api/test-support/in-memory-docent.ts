import { createInMemoryAdapters, type InMemoryAdapters } from '@docent/adapters-inmemory';
import {
  type Answerer,
  type AskAdmissionOptions,
  AskQuestion,
  Authenticate,
  BoundedAskQuestion,
  type Clock,
  DeleteDocument,
  ExtractiveAnswerer,
  FinishOidcLogin,
  GetDocument,
  GetDocumentText,
  GetProfile,
  JobRunner,
  ListDocuments,
  ListHistory,
  LogIn,
  LogOut,
  type OidcClient,
  ProcessDocument,
  RegisterUser,
  type Resolver,
  RetryDocument,
  type SignInThrottleOptions,
  StartOidcLogin,
  type TextExtractor,
  TOKENS,
  type Token,
  UploadDocument,
} from '@docent/domain';
import { PlainTextExtractor } from './plain-text-extractor.ts';

/** Options of `createInMemoryDocent`. */
export interface InMemoryDocentOptions {
  /** Largest upload the domain accepts (default: the domain's 50 MiB). */
  maxUploadBytes?: number;
  /** Default: the plain-text and Markdown extractor of this folder. */
  extractor?: TextExtractor;
  /** Default: the domain's extractive answerer. */
  answerer?: Answerer;
  /** Time for every adapter and the HTTP layer's expiring stores (default: the system clock). */
  clock?: Clock;
  /** An OpenID Connect provider client; without one, provider sign-in is off. */
  oidc?: OidcClient;
  /** Admission control of asks (default: none). */
  askAdmission?: AskAdmissionOptions;
  /** Sign-in throttling policy (default: the domain's). */
  signIn?: SignInThrottleOptions;
}

/** The whole application over in-memory adapters: what a composition root builds, minus persistence. */
export interface InMemoryDocent {
  /** Every port and use case by its TOKENS key. */
  resolver: Resolver;
  adapters: InMemoryAdapters;
  /** Runs due background jobs (document processing) until none is left; returns how many ran. */
  drainJobs(): Promise<number>;
}

/** A resolver over a fixed map; asking for an unbound token is a wiring bug and throws. */
const mapResolver = (bindings: ReadonlyMap<symbol, unknown>): Resolver => ({
  get<T>(token: Token<T>): T {
    if (!bindings.has(token)) throw new Error(`Nothing is bound to ${token.description}`);
    return bindings.get(token) as T;
  },
});

/**
 * Wires the real domain use cases over the real in-memory adapters, a real extractor and the
 * extractive answerer. Background processing runs only when `drainJobs` is called, so tests decide
 * when documents become ready.
 */
export const createInMemoryDocent = (options: InMemoryDocentOptions = {}): InMemoryDocent => {
  const adapters = createInMemoryAdapters(options.clock === undefined ? {} : { clock: options.clock });
  const extractor = options.extractor ?? new PlainTextExtractor();
  const answerer = options.answerer ?? new ExtractiveAnswerer();
  const {
    BlobStore: blobs,
    ChunkRepository: chunks,
    Clock: clock,
    DocumentRepository: documents,
    Embedder: embedder,
    IdentityProvider: identity,
    Ids: ids,
    JobQueue: jobs,
    LexicalIndex: lexical,
    LoginAttempts: attempts,
    QueryHistoryRepository: history,
    UnitOfWork: unitOfWork,
    VectorIndex: vectors,
  } = adapters;
  const runner = new JobRunner({
    queue: jobs,
    handlers: [new ProcessDocument({ documents, blobs, extractor, chunks, embedder, lexical, vectors, ids, clock })],
  });
  const ask = new AskQuestion({ documents, chunks, lexical, vectors, embedder, answerer, history, ids, clock });
  const uploadOptions = options.maxUploadBytes === undefined ? {} : { maxBytes: options.maxUploadBytes };

  const bindings = new Map<symbol, unknown>([
    ...Object.entries(adapters).map(([name, adapter]) => [TOKENS[name as keyof InMemoryAdapters], adapter] as const),
    [TOKENS.TextExtractor, extractor],
    [TOKENS.Answerer, answerer],
    [TOKENS.RegisterUser, new RegisterUser({ identity })],
    [TOKENS.LogIn, new LogIn({ identity, attempts, clock }, options.signIn)],
    [TOKENS.LogOut, new LogOut({ identity })],
    [TOKENS.Authenticate, new Authenticate({ identity })],
    [TOKENS.GetProfile, new GetProfile({ identity, documents, history })],
    [
      TOKENS.UploadDocument,
      new UploadDocument({ documents, blobs, jobs, extractor, ids, clock, unitOfWork }, uploadOptions),
    ],
    [TOKENS.ListDocuments, new ListDocuments({ documents })],
    [TOKENS.GetDocument, new GetDocument({ documents })],
    [TOKENS.GetDocumentText, new GetDocumentText({ documents, chunks })],
    [TOKENS.DeleteDocument, new DeleteDocument({ documents, blobs, chunks, lexical, vectors, history })],
    [TOKENS.RetryDocument, new RetryDocument({ documents, jobs, ids, unitOfWork })],
    [TOKENS.AskQuestion, options.askAdmission === undefined ? ask : new BoundedAskQuestion(ask, options.askAdmission)],
    [TOKENS.ListHistory, new ListHistory({ history })],
  ]);
  if (options.oidc !== undefined) {
    const oidc = options.oidc;
    bindings.set(TOKENS.OidcClient, oidc);
    bindings.set(TOKENS.StartOidcLogin, new StartOidcLogin({ oidc }));
    bindings.set(TOKENS.FinishOidcLogin, new FinishOidcLogin({ oidc, identity }));
  }

  return {
    resolver: mapResolver(bindings),
    adapters,
    async drainJobs() {
      let ran = 0;
      while (await runner.runNext()) ran++;
      return ran;
    },
  };
};
