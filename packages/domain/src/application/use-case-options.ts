import type { SignInThrottleOptions } from '../auth/sign-in-throttle.ts';
import type { QuestionRewriter } from '../conversation/question-rewriter.ts';
import type { JobRunnerOptions } from '../jobs/job-runner.ts';
import type { ProcessDocumentOptions } from '../jobs/process-document.ts';
import type { Reranker } from '../ports/reranker.ts';
import type { AskQuestionOptions } from '../use-cases/ask-question.ts';
import type { AskAdmissionOptions } from '../use-cases/bounded-ask-question.ts';
import type { AskQuestionUseCase } from '../use-cases/contracts.ts';
import type { RequestUploadOptions } from '../use-cases/request-upload.ts';
import type { SweepStuckDocumentsOptions } from '../use-cases/sweep-stuck-documents.ts';
import type { UploadDocumentOptions } from '../use-cases/upload-document.ts';

/** Knobs of the use cases, from each root's validated config; every one has a default. */
export interface UseCaseOptions {
  upload?: UploadDocumentOptions;
  /** Retrieval and answering knobs of AskQuestion (search uses the retrieval ones too). */
  ask?: AskQuestionOptions;
  processing?: ProcessDocumentOptions;
  /** How long presigned upload URLs work (their size limit is `upload.maxBytes`). */
  presignedUpload?: Pick<RequestUploadOptions, 'expiresInSeconds'>;
  jobs?: JobRunnerOptions;
  /** When the stuck-document sweeper calls a document stuck, and how often it tries again. */
  sweeper?: SweepStuckDocumentsOptions;
  /** An optional second-stage reranker (a cross-encoder) for AskQuestion and search. */
  reranker?: Reranker;
  /** How AskQuestion rewrites follow-ups (default: the model-free `ContextQuestionRewriter`). */
  rewriter?: QuestionRewriter;
  /**
   * Runs asks instead of an in-process `AskQuestion` (the local server's worker pool, whose
   * workers run `createAskQuestion`).
   */
  askRunner?: AskQuestionUseCase;
  /** Admission control in front of every ask (see `BoundedAskQuestion`); unbounded when absent. */
  askAdmission?: AskAdmissionOptions;
  /** Password sign-in throttling (thresholds, backoff); the domain's defaults otherwise. */
  signIn?: SignInThrottleOptions;
}
