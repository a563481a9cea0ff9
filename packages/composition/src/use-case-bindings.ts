import {
  type AskAdmissionOptions,
  AskQuestion,
  type AskQuestionOptions,
  type AskQuestionUseCase,
  Authenticate,
  BoundedAskQuestion,
  DeleteDocument,
  FinishOidcLogin,
  GetDocument,
  GetDocumentText,
  GetProfile,
  JobRunner,
  type JobRunnerOptions,
  ListDocuments,
  ListHistory,
  LogIn,
  LogOut,
  ProcessDocument,
  type ProcessDocumentOptions,
  ProcessUploadedDocument,
  type QuestionRewriter,
  RegisterUser,
  ReindexDocuments,
  RequestUpload,
  type RequestUploadOptions,
  type Reranker,
  RetryDocument,
  type SignInThrottleOptions,
  StartOidcLogin,
  TOKENS,
  type Token,
  UploadDocument,
  type UploadDocumentOptions,
} from '@docent/domain';
import type { Container } from 'inversify';

/**
 * The in-process `AskQuestion` over the bound ports: what `bindUseCases` binds, and what each ask
 * worker of the local server runs over its own connection, so both modes share one use case.
 */
export const createAskQuestion = (
  get: Get,
  options: Pick<UseCaseOptions, 'ask' | 'reranker' | 'rewriter'>,
): AskQuestion =>
  new AskQuestion(
    {
      documents: get(TOKENS.DocumentRepository),
      chunks: get(TOKENS.ChunkRepository),
      lexical: get(TOKENS.LexicalIndex),
      vectors: get(TOKENS.VectorIndex),
      embedder: get(TOKENS.Embedder),
      answerer: get(TOKENS.Answerer),
      history: get(TOKENS.QueryHistoryRepository),
      ids: get(TOKENS.Ids),
      clock: get(TOKENS.Clock),
      ...(options.reranker ? { reranker: options.reranker } : {}),
      ...(options.rewriter ? { rewriter: options.rewriter } : {}),
    },
    options.ask,
  );

/** Knobs of the use cases, from each root's validated config. */
export interface UseCaseOptions {
  upload?: UploadDocumentOptions;
  ask?: AskQuestionOptions;
  processing?: ProcessDocumentOptions;
  /** How long presigned upload URLs work (their size limit is `upload.maxBytes`). */
  presignedUpload?: Pick<RequestUploadOptions, 'expiresInSeconds'>;
  jobs?: JobRunnerOptions;
  /** An optional second-stage reranker (a cross-encoder) for AskQuestion. */
  reranker?: Reranker;
  /** How AskQuestion rewrites follow-ups (default: the model-free `ContextQuestionRewriter`). */
  rewriter?: QuestionRewriter;
  /**
   * Runs asks instead of an in-process `AskQuestion` (the local server's worker pool, which runs
   * `createAskQuestion` in each worker).
   */
  askRunner?: AskQuestionUseCase;
  /** Admission control in front of every ask (see `BoundedAskQuestion`); unbounded when absent. */
  askAdmission?: AskAdmissionOptions;
  /** Password sign-in throttling (thresholds, backoff); the domain's defaults otherwise. */
  signIn?: SignInThrottleOptions;
}

/** Reads a bound port or use case by its token. */
export type Get = <T>(token: Token<T>) => T;

const bindSingleton = <T>(container: Container, token: Token<T>, create: (get: Get) => T): void => {
  container
    .bind<T>(token)
    .toDynamicValue((context) => create((t) => context.get(t)))
    .inSingletonScope();
};

/** The one `document.process` handler per container: the job runner and storage events share it. */
const processorFactory = (options: UseCaseOptions): ((get: Get) => ProcessDocument) => {
  let processor: ProcessDocument | undefined;
  return (get) => {
    processor ??= new ProcessDocument(
      {
        documents: get(TOKENS.DocumentRepository),
        blobs: get(TOKENS.BlobStore),
        extractor: get(TOKENS.TextExtractor),
        chunks: get(TOKENS.ChunkRepository),
        embedder: get(TOKENS.Embedder),
        lexical: get(TOKENS.LexicalIndex),
        vectors: get(TOKENS.VectorIndex),
        ids: get(TOKENS.Ids),
        clock: get(TOKENS.Clock),
      },
      options.processing,
    );
    return processor;
  };
};

/** Presigned uploads, bound only with an `UploadSigner`; processing of arrived bytes, always. */
const bindDirectUploads = (container: Container, options: UseCaseOptions, processor: (get: Get) => ProcessDocument) => {
  const maxBytes = options.upload?.maxBytes === undefined ? {} : { maxBytes: options.upload.maxBytes };
  if (container.isBound(TOKENS.UploadSigner)) {
    bindSingleton(
      container,
      TOKENS.RequestUpload,
      (get) =>
        new RequestUpload(
          {
            documents: get(TOKENS.DocumentRepository),
            signer: get(TOKENS.UploadSigner),
            ids: get(TOKENS.Ids),
            clock: get(TOKENS.Clock),
          },
          { ...maxBytes, ...options.presignedUpload },
        ),
    );
  }
  bindSingleton(
    container,
    TOKENS.ProcessUploadedDocument,
    (get) =>
      new ProcessUploadedDocument(
        {
          documents: get(TOKENS.DocumentRepository),
          blobs: get(TOKENS.BlobStore),
          extractor: get(TOKENS.TextExtractor),
          unitOfWork: get(TOKENS.UnitOfWork),
          processor: processor(get),
        },
        maxBytes,
      ),
  );
};

/**
 * Binds every use case and the job runner over ports already bound in the container. Both
 * composition roots call it, so the local server and Lambda wire the domain identically. The
 * provider sign-in use cases are bound only when an `OidcClient` is, presigned uploads only when
 * an `UploadSigner` is.
 */
export const bindUseCases = (container: Container, options: UseCaseOptions = {}): void => {
  const processor = processorFactory(options);
  const identity = (get: Get) => ({ identity: get(TOKENS.IdentityProvider) });
  bindSingleton(container, TOKENS.RegisterUser, (get) => new RegisterUser(identity(get)));
  bindSingleton(
    container,
    TOKENS.LogIn,
    (get) =>
      new LogIn({ ...identity(get), attempts: get(TOKENS.LoginAttempts), clock: get(TOKENS.Clock) }, options.signIn),
  );
  bindSingleton(container, TOKENS.LogOut, (get) => new LogOut(identity(get)));
  bindSingleton(container, TOKENS.Authenticate, (get) => new Authenticate(identity(get)));
  if (container.isBound(TOKENS.OidcClient)) {
    bindSingleton(container, TOKENS.StartOidcLogin, (get) => new StartOidcLogin({ oidc: get(TOKENS.OidcClient) }));
    bindSingleton(
      container,
      TOKENS.FinishOidcLogin,
      (get) => new FinishOidcLogin({ ...identity(get), oidc: get(TOKENS.OidcClient) }),
    );
  }
  bindSingleton(
    container,
    TOKENS.GetProfile,
    (get) =>
      new GetProfile({
        ...identity(get),
        documents: get(TOKENS.DocumentRepository),
        history: get(TOKENS.QueryHistoryRepository),
      }),
  );
  bindSingleton(
    container,
    TOKENS.UploadDocument,
    (get) =>
      new UploadDocument(
        {
          documents: get(TOKENS.DocumentRepository),
          blobs: get(TOKENS.BlobStore),
          jobs: get(TOKENS.JobQueue),
          extractor: get(TOKENS.TextExtractor),
          ids: get(TOKENS.Ids),
          clock: get(TOKENS.Clock),
          unitOfWork: get(TOKENS.UnitOfWork),
        },
        options.upload,
      ),
  );
  bindDirectUploads(container, options, processor);
  bindSingleton(
    container,
    TOKENS.ListDocuments,
    (get) => new ListDocuments({ documents: get(TOKENS.DocumentRepository) }),
  );
  bindSingleton(container, TOKENS.GetDocument, (get) => new GetDocument({ documents: get(TOKENS.DocumentRepository) }));
  bindSingleton(
    container,
    TOKENS.GetDocumentText,
    (get) => new GetDocumentText({ documents: get(TOKENS.DocumentRepository), chunks: get(TOKENS.ChunkRepository) }),
  );
  bindSingleton(
    container,
    TOKENS.DeleteDocument,
    (get) =>
      new DeleteDocument({
        documents: get(TOKENS.DocumentRepository),
        blobs: get(TOKENS.BlobStore),
        chunks: get(TOKENS.ChunkRepository),
        lexical: get(TOKENS.LexicalIndex),
        vectors: get(TOKENS.VectorIndex),
        history: get(TOKENS.QueryHistoryRepository),
      }),
  );
  bindSingleton(
    container,
    TOKENS.RetryDocument,
    (get) =>
      new RetryDocument({
        documents: get(TOKENS.DocumentRepository),
        jobs: get(TOKENS.JobQueue),
        ids: get(TOKENS.Ids),
        unitOfWork: get(TOKENS.UnitOfWork),
      }),
  );
  bindSingleton(
    container,
    TOKENS.ReindexDocuments,
    (get) =>
      new ReindexDocuments({
        documents: get(TOKENS.DocumentRepository),
        jobs: get(TOKENS.JobQueue),
        ids: get(TOKENS.Ids),
        unitOfWork: get(TOKENS.UnitOfWork),
      }),
  );
  bindSingleton(container, TOKENS.AskQuestion, (get) => {
    const inner = options.askRunner ?? createAskQuestion(get, options);
    return options.askAdmission === undefined ? inner : new BoundedAskQuestion(inner, options.askAdmission);
  });
  bindSingleton(
    container,
    TOKENS.ListHistory,
    (get) => new ListHistory({ history: get(TOKENS.QueryHistoryRepository) }),
  );
  bindSingleton(
    container,
    TOKENS.JobRunner,
    (get) =>
      new JobRunner(
        {
          queue: get(TOKENS.JobQueue),
          handlers: [processor(get)],
        },
        options.jobs,
      ),
  );
};
