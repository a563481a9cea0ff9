import { EmbedDocument } from '../jobs/embed-document.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { ProcessDocument } from '../jobs/process-document.ts';
import { AddUser } from '../use-cases/add-user.ts';
import { AskQuestion } from '../use-cases/ask-question.ts';
import { Authenticate } from '../use-cases/authenticate.ts';
import { BoundedAskQuestion } from '../use-cases/bounded-ask-question.ts';
import { DeleteDocument } from '../use-cases/delete-document.ts';
import { FindUser } from '../use-cases/find-user.ts';
import { GetDocument } from '../use-cases/get-document.ts';
import { GetDocumentText } from '../use-cases/get-document-text.ts';
import { GetProfile } from '../use-cases/get-profile.ts';
import { ListDocuments } from '../use-cases/list-documents.ts';
import { ListHistory } from '../use-cases/list-history.ts';
import { ListUsers } from '../use-cases/list-users.ts';
import { LogIn } from '../use-cases/log-in.ts';
import { LogOut } from '../use-cases/log-out.ts';
import { FinishOidcLogin, StartOidcLogin } from '../use-cases/oidc-login.ts';
import { ProcessUploadedDocument } from '../use-cases/process-uploaded-document.ts';
import { RegisterUser } from '../use-cases/register-user.ts';
import { ReindexDocuments } from '../use-cases/reindex-documents.ts';
import { RequestUpload } from '../use-cases/request-upload.ts';
import { RetryDocument } from '../use-cases/retry-document.ts';
import { SearchDocuments } from '../use-cases/search-documents.ts';
import { SweepStuckDocuments } from '../use-cases/sweep-stuck-documents.ts';
import { UploadDocument } from '../use-cases/upload-document.ts';
import type { AskPorts, Ports } from './ports.ts';
import type { UseCaseOptions } from './use-case-options.ts';
import type { UseCases } from './use-cases.ts';

/** The retriever's ports and optional reranker, as `AskQuestion` and `SearchDocuments` take them. */
const retrieverDeps = (ports: AskPorts, options: Pick<UseCaseOptions, 'reranker'>) => ({
  documents: ports.DocumentRepository,
  chunks: ports.ChunkRepository,
  lexical: ports.LexicalIndex,
  vectors: ports.VectorIndex,
  embedder: ports.Embedder,
  ...(options.reranker ? { reranker: options.reranker } : {}),
});

/**
 * The in-process `AskQuestion`: what `createUseCases` builds unless an `askRunner` answers instead,
 * and what each ask worker of the local server runs over its own store connection (it has only
 * these ports), so both modes answer with one use case.
 */
export const createAskQuestion = (
  ports: AskPorts,
  options: Pick<UseCaseOptions, 'ask' | 'reranker' | 'rewriter'> = {},
): AskQuestion =>
  new AskQuestion(
    {
      ...retrieverDeps(ports, options),
      answerer: ports.Answerer,
      history: ports.QueryHistoryRepository,
      ids: ports.Ids,
      clock: ports.Clock,
      ...(options.rewriter ? { rewriter: options.rewriter } : {}),
    },
    options.ask,
  );

/** The retrieval knobs among the ask options (search has no reader). */
const retrievalOptions = ({ ask = {} }: UseCaseOptions) => {
  const { evidenceCount: _evidence, conversationTurns: _turns, elapsed: _elapsed, ...retrieval } = ask;
  return retrieval;
};

/** The use cases that exist only with an optional port. */
const optionalUseCases = (ports: Ports, options: UseCaseOptions, maxBytes: { maxBytes?: number }) => {
  const identity = ports.IdentityProvider;
  const { OidcClient: oidc, UploadSigner: signer, UserDirectory: directory } = ports;
  return {
    ...(oidc === undefined
      ? {}
      : { startOidcLogin: new StartOidcLogin({ oidc }), finishOidcLogin: new FinishOidcLogin({ identity, oidc }) }),
    ...(signer === undefined
      ? {}
      : {
          requestUpload: new RequestUpload(
            {
              documents: ports.DocumentRepository,
              signer,
              ids: ports.Ids,
              clock: ports.Clock,
              extractor: ports.TextExtractor,
            },
            { ...maxBytes, ...options.presignedUpload },
          ),
        }),
    ...(directory === undefined
      ? {}
      : {
          addUser: new AddUser({ identity, directory }),
          listUsers: new ListUsers({ directory }),
          findUser: new FindUser({ directory }),
        }),
  };
};

/**
 * Builds every use case, the processing handler and the job runner over the ports: the one place
 * the application is wired. The local server, Lambda, the library (`createDocent`), the CLI and
 * the test worlds all call it, so they run the same use cases with the same pipeline.
 */
export const createUseCases = (ports: Ports, options: UseCaseOptions = {}): UseCases => {
  const identity = ports.IdentityProvider;
  const documents = ports.DocumentRepository;
  const { BlobStore: blobs, ChunkRepository: chunks, Clock: clock, Ids: ids, JobQueue: jobs } = ports;
  const { QueryHistoryRepository: history, TextExtractor: extractor, UnitOfWork: unitOfWork } = ports;
  const { LexicalIndex: lexical, VectorIndex: vectors } = ports;
  const maxBytes = options.upload?.maxBytes === undefined ? {} : { maxBytes: options.upload.maxBytes };
  const processDocument = new ProcessDocument(
    { documents, blobs, extractor, chunks, jobs, lexical, vectors, ids },
    options.processing,
  );
  const embedDocument = new EmbedDocument(
    { documents, chunks, embedder: ports.Embedder, lexical, vectors, clock },
    options.processing,
  );
  const ask = options.askRunner ?? createAskQuestion(ports, options);
  return {
    registerUser: new RegisterUser({ identity }),
    logIn: new LogIn({ identity, attempts: ports.LoginAttempts, clock }, options.signIn),
    logOut: new LogOut({ identity }),
    authenticate: new Authenticate({ identity }),
    getProfile: new GetProfile({ identity, documents, history }),
    uploadDocument: new UploadDocument({ documents, blobs, jobs, extractor, ids, clock, unitOfWork }, options.upload),
    processUploadedDocument: new ProcessUploadedDocument(
      { documents, blobs, extractor, unitOfWork, jobs, processor: processDocument },
      maxBytes,
    ),
    listDocuments: new ListDocuments({ documents }),
    getDocument: new GetDocument({ documents }),
    getDocumentText: new GetDocumentText({ documents, chunks }),
    deleteDocument: new DeleteDocument({ documents, blobs, chunks, lexical, vectors, history }),
    retryDocument: new RetryDocument({ documents, jobs, ids, unitOfWork }),
    reindexDocuments: new ReindexDocuments({ documents, jobs, ids, unitOfWork }),
    sweepStuckDocuments: new SweepStuckDocuments(
      { documents, blobs, jobs, ids, clock, unitOfWork, processor: processDocument },
      options.sweeper,
    ),
    askQuestion: options.askAdmission === undefined ? ask : new BoundedAskQuestion(ask, options.askAdmission),
    searchDocuments: new SearchDocuments(retrieverDeps(ports, options), retrievalOptions(options)),
    listHistory: new ListHistory({ history }),
    processDocument,
    jobRunner: new JobRunner({ queue: jobs, handlers: [processDocument, embedDocument] }, options.jobs),
    ...optionalUseCases(ports, options, maxBytes),
  };
};
