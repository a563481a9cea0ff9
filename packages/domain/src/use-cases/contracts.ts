import type { DocumentText } from '../entities/chunk.ts';
import type { DocumentRecord } from '../entities/document.ts';
import type { Page, PageRequest } from '../entities/page.ts';
import type { Answer, HistoryEntry, Source, UsageTotals } from '../entities/query.ts';
import type { Principal, Session, User } from '../entities/user.ts';
import type { OidcLoginChecks, OidcLoginStart } from '../ports/oidc-client.ts';
import type { PresignedUpload } from '../ports/upload-signer.ts';

/**
 * The application's use cases as the delivery layer (HTTP, CLI, Lambda) sees them. Each has one
 * `execute`; inputs are plain data, errors are DocentError. Implementations live beside this file.
 */

export interface RegisterUserUseCase {
  /**
   * Checks the email and the password policy, then creates the account unless the email is taken,
   * answering the same either way (no account enumeration): the caller signs in next.
   */
  execute(input: { email: string; password: string }): Promise<void>;
}

export interface LogInInput {
  email: string;
  password: string;
  /** The client's network address, for throttling per address (absent: per account only). */
  clientAddress?: string;
}

export interface LogInUseCase {
  execute(input: LogInInput): Promise<Session>;
}

export interface LogOutUseCase {
  execute(input: { token: string }): Promise<void>;
}

export interface StartOidcLoginUseCase {
  /** The provider URL to send the browser to, and the checks to keep (server-side) until it returns. */
  execute(): Promise<OidcLoginStart>;
}

export interface FinishOidcLoginInput {
  /** The URL the provider redirected the browser to (absolute, or path and query). */
  callbackUrl: string;
  /** The checks `StartOidcLogin` returned for this login. */
  checks: OidcLoginChecks;
}

export interface FinishOidcLoginUseCase {
  /**
   * Opens a session for the provider's verified email: the existing account with that email, or a
   * new one without a password. Throws `oidc_failed`, or `oidc_email_unverified` when the provider
   * does not vouch for the email.
   */
  execute(input: FinishOidcLoginInput): Promise<Session>;
}

export interface AuthenticateUseCase {
  /** The caller behind a bearer token; throws `unauthorized`. */
  execute(input: { token: string }): Promise<Principal>;
}

export interface Profile extends User {
  documentCount: number;
  /** Questions asked, model tokens used and their estimated cost, over the whole history. */
  usage: UsageTotals;
}

export interface GetProfileUseCase {
  execute(principal: Principal): Promise<Profile>;
}

export interface UploadDocumentInput {
  /** The client's file name; only its last path segment is kept. */
  name: string;
  bytes: Uint8Array;
}

export interface UploadDocumentUseCase {
  /**
   * Validates type and size, stores the bytes, creates the document and enqueues processing.
   * The same bytes uploaded again by the same owner return the existing document (`created: false`).
   */
  execute(principal: Principal, input: UploadDocumentInput): Promise<{ document: DocumentRecord; created: boolean }>;
}

export interface ListDocumentsUseCase {
  execute(principal: Principal, page: Partial<PageRequest>): Promise<Page<DocumentRecord>>;
}

export interface GetDocumentUseCase {
  /** Throws `document_not_found` for unknown and foreign ids alike. */
  execute(principal: Principal, input: { documentId: string }): Promise<DocumentRecord>;
}

export interface GetDocumentTextUseCase {
  /** Throws `document_not_found`, or `document_not_ready` before the document is searchable (`isSearchable`). */
  execute(principal: Principal, input: { documentId: string }): Promise<DocumentText>;
}

export interface DeleteDocumentUseCase {
  /** Removes the blob, chunks, lexical and vector entries, and redacts history that cited it. */
  execute(principal: Principal, input: { documentId: string }): Promise<void>;
}

export interface RetryDocumentUseCase {
  /**
   * Processes a failed document again: back to `uploaded` with its error cleared, processing
   * re-enqueued. Throws `document_not_found`, or `conflict` when the document has not failed.
   */
  execute(principal: Principal, input: { documentId: string }): Promise<DocumentRecord>;
}

/** What a reindex did: the documents queued for processing again, and how many were left alone. */
export interface ReindexOutcome {
  /** Now `uploaded` with a `document.process` job each. */
  queued: DocumentRecord[];
  /** Still queued or processing (their job already runs the current pipeline), or deleted meanwhile. */
  skipped: number;
}

export interface ReindexDocumentsUseCase {
  /**
   * Processes every `ready` or `failed` document of the caller again (extract, chunk, embed, index),
   * e.g. after the embedder or the pipeline version changed; the job runner does the work.
   */
  execute(principal: Principal): Promise<ReindexOutcome>;
}

/** A document the sweeper acted on. */
export interface SweptDocument {
  ownerId: string;
  documentId: string;
  /** The status it was stuck in. */
  status: 'uploaded' | 'processing';
  /** For a document marked failed: the reason code (`upload_incomplete`, `processing_stalled`). */
  reason?: string;
}

/** What one sweep did. */
export interface SweepOutcome {
  /** Queued for processing again (a `document.process` job each). */
  requeued: SweptDocument[];
  /** Marked `failed`: bytes that never arrived, or attempts used up. */
  failed: SweptDocument[];
  /** Listed as stuck but changed before the sweeper got to them (moving again, or deleted). */
  skipped: number;
}

export interface SweepStuckDocumentsUseCase {
  /**
   * Finds every owner's documents stuck in flight (`processing` with no change for longer than the
   * lease, `uploaded` for longer than the grace period), queues them again, and marks them `failed`
   * when their bytes never arrived or their attempts are used up. Run on a schedule, not per request.
   */
  execute(): Promise<SweepOutcome>;
}

export interface AskQuestionInput {
  question: string;
  /** Limit retrieval to these documents of the caller (each must exist: else `document_not_found`). */
  documentIds?: string[];
  /** How many sources to return (1 to 50, default 10). */
  topK?: number;
  /**
   * Continue this conversation of the caller: the question is read as a follow-up of its last turns
   * and rewritten to stand alone before retrieval. Unknown ids start a conversation under that id.
   */
  conversationId?: string;
}

export interface AskCallOptions {
  /** Aborting (the client went away) cancels retrieval and generation; nothing is recorded. */
  signal?: AbortSignal;
  /** Receives the answer's text as it is produced, before citations are checked. */
  onText?: (delta: string) => void;
}

export interface AskQuestionUseCase {
  execute(principal: Principal, input: AskQuestionInput, options?: AskCallOptions): Promise<Answer>;
}

export interface SearchDocumentsInput {
  /** What to look for: a question or keywords (the same limits as a question). */
  query: string;
  /** Limit the search to these documents of the caller (each must exist: else `document_not_found`). */
  documentIds?: string[];
  /** How many passages to return (1 to 50, default 10). */
  topK?: number;
}

export interface SearchDocumentsUseCase {
  /**
   * The passages of the caller's searchable documents that best match, ranked as an answer's sources
   * are, without answering or recording history. Throws `validation_failed` or `document_not_found`.
   */
  execute(principal: Principal, input: SearchDocumentsInput, options?: { signal?: AbortSignal }): Promise<Source[]>;
}

export interface AddUserUseCase {
  /**
   * Creates an account, with a password (checked against the policy) or without one (it cannot
   * sign in with a password; an embedded install acts for it directly). Throws `validation_failed`,
   * `weak_password` or `email_taken`: this is an administrator's call, not the public sign-up.
   */
  execute(input: { email: string; password?: string }): Promise<User>;
}

export interface ListUsersUseCase {
  /** Every account, ordered by email. */
  execute(): Promise<User[]>;
}

export interface FindUserUseCase {
  /** The account with this email (normalised first), or null. Throws `validation_failed` for a malformed email. */
  execute(input: { email: string }): Promise<User | null>;
}

export interface ListHistoryUseCase {
  execute(principal: Principal, page: Partial<PageRequest>): Promise<Page<HistoryEntry>>;
}

/** Payload of the `document.process` job. */
export interface ProcessDocumentPayload {
  ownerId: string;
  documentId: string;
}

/** Which document a stored blob belongs to: what a storage event names. */
export interface ProcessUploadedDocumentInput {
  ownerId: string;
  documentId: string;
}

/**
 * What became of an arrived blob: `queued` (its `document.process` job was enqueued), `unchanged`
 * (these bytes were processed, are being processed or are queued already), `rejected` (the bytes failed the upload checks; the document is `failed`),
 * `missing` (no such document or no bytes any more: deleted meanwhile).
 */
export type UploadedDocumentOutcome = 'queued' | 'unchanged' | 'rejected' | 'missing';

/** Processing of bytes that reached blob storage without the API (on AWS, from the S3 event). */
export interface ProcessUploadedDocumentUseCase {
  /**
   * Verifies bytes that arrived out of band (a presigned upload) and enqueues the document's
   * processing job. Idempotent on redelivery. Throws `unavailable` (retryable) for bytes whose
   * document is not created yet (a direct upload stores the bytes first).
   */
  execute(
    input: ProcessUploadedDocumentInput,
  ): Promise<{ outcome: UploadedDocumentOutcome; document: DocumentRecord | null }>;
}

/** What a client declares about a file it will upload straight to blob storage. */
export interface RequestUploadInput {
  /** The client's file name; only its last path segment is kept. */
  name: string;
  /** The file's exact size in bytes; the signed URL accepts no other length where storage can enforce it. */
  size: number;
  /** One of the supported content types; the client must send it as the upload's `content-type`. */
  contentType: string;
  /** Hex SHA-256 of the file, when the client knows it: the bytes must then match, and dedupe starts at once. */
  sha256?: string;
}

/** A signed upload and when it stops working. */
export interface UploadTicket extends PresignedUpload {
  /** ISO-8601. */
  expiresAt: string;
}

/** Presigned uploads, where an `UploadSigner` is bound. */
export interface RequestUploadUseCase {
  /**
   * Checks name, size and type, creates the document `uploaded` and signs an upload of its bytes
   * straight to blob storage (processing starts when they arrive). A declared SHA-256 the owner
   * already has returns that document (`created: false`), with a fresh ticket only while its bytes
   * have still not arrived. Throws `validation_failed`, `payload_too_large`, `empty_document` or
   * `unsupported_media_type`.
   */
  execute(
    principal: Principal,
    input: RequestUploadInput,
  ): Promise<{ document: DocumentRecord; created: boolean; upload: UploadTicket | null }>;
}
