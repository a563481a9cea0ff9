import type { JobRunner } from '../jobs/job-runner.ts';
import type { ProcessDocument } from '../jobs/process-document.ts';
import type * as UC from '../use-cases/contracts.ts';

/**
 * Every use case of the application, built by `createUseCases`. The optional ones exist only with
 * their port: provider sign-in with an `OidcClient`, presigned uploads with an `UploadSigner`, the
 * account administration with a `UserDirectory`.
 */
export interface UseCases {
  registerUser: UC.RegisterUserUseCase;
  logIn: UC.LogInUseCase;
  logOut: UC.LogOutUseCase;
  authenticate: UC.AuthenticateUseCase;
  startOidcLogin?: UC.StartOidcLoginUseCase;
  finishOidcLogin?: UC.FinishOidcLoginUseCase;
  getProfile: UC.GetProfileUseCase;
  addUser?: UC.AddUserUseCase;
  listUsers?: UC.ListUsersUseCase;
  findUser?: UC.FindUserUseCase;
  uploadDocument: UC.UploadDocumentUseCase;
  requestUpload?: UC.RequestUploadUseCase;
  processUploadedDocument: UC.ProcessUploadedDocumentUseCase;
  listDocuments: UC.ListDocumentsUseCase;
  getDocument: UC.GetDocumentUseCase;
  getDocumentText: UC.GetDocumentTextUseCase;
  deleteDocument: UC.DeleteDocumentUseCase;
  retryDocument: UC.RetryDocumentUseCase;
  reindexDocuments: UC.ReindexDocumentsUseCase;
  /** Recovers documents stuck in flight; a scheduled job runs it (on AWS), no request does. */
  sweepStuckDocuments: UC.SweepStuckDocumentsUseCase;
  askQuestion: UC.AskQuestionUseCase;
  searchDocuments: UC.SearchDocumentsUseCase;
  listHistory: UC.ListHistoryUseCase;
  /** The one `document.process` handler, run by the job runner (uploads, storage events, retries and reindexing enqueue its job). */
  processDocument: ProcessDocument;
  /** Claims and runs due jobs with their handlers; a worker loop (local) or an event (Lambda) drives it. */
  jobRunner: JobRunner;
}
