import type { DocumentView, presentAnswer, presentSource, presentUser } from '@docent/http-api';

/** An answer as the HTTP API returns it: text, citations (document, page, quote), ranked sources. */
export type AnswerView = ReturnType<typeof presentAnswer>;

/** A ranked passage as the HTTP API returns it (an answer's source, a search's result). */
export type SourceView = ReturnType<typeof presentSource>;

/** An account as the HTTP API presents it. */
export type UserView = ReturnType<typeof presentUser>;

/** A document's normalised text with its page map, as `GET /documents/:id/text` returns it. */
export interface DocumentTextView {
  documentId: string;
  text: string;
  pages: { page: number; charStart: number; charEnd: number }[];
}

/** A question for `ask`. */
export interface AskRequest {
  question: string;
  /** Only these documents (ids). */
  documentIds?: string[];
  /** How many ranked sources to return. */
  topK?: number;
}

/** A query for `search`: the same scope as a question. */
export interface SearchRequest {
  query: string;
  /** Only these documents (ids). */
  documentIds?: string[];
  /** How many ranked passages to return. */
  topK?: number;
}

/** What `reindex` queued. */
export interface ReindexResult {
  queued: DocumentView[];
  /** Documents left alone: still queued or processing. */
  skipped: number;
}

/**
 * Everything the commands need from Docent, in one place, so each command is written once: the
 * embedded store of this machine (`EmbeddedClient`) or a running server over HTTP (`HttpClient`).
 * Documents and answers have the HTTP API's JSON shape in both, so `--json` prints the same either way.
 */
export interface DocentClient {
  /** Where the client acts, for messages: the data directory or the server's URL. */
  readonly target: string;
  /** Uploads one file; `created: false` when the user already has these exact bytes. */
  upload(file: { name: string; bytes: Uint8Array }): Promise<{ document: DocumentView; created: boolean }>;
  /** Every document of the user, newest first. */
  listDocuments(): Promise<DocumentView[]>;
  /** One document and its processing progress; `document_not_found` otherwise. */
  getDocument(documentId: string): Promise<DocumentView>;
  /** The normalised text of a processed document. */
  getDocumentText(documentId: string): Promise<DocumentTextView>;
  /** Deletes a document and everything derived from it. */
  deleteDocument(documentId: string): Promise<void>;
  /** Answers a question with citations; recorded in the user's history. */
  ask(request: AskRequest): Promise<AnswerView>;
  /** The ranked passages an answer would be read from, without an answer; nothing is recorded. */
  search(request: SearchRequest): Promise<SourceView[]>;
  /** Queues finished documents for processing again: the user's, or every user's when `allUsers`. */
  reindex(options: { allUsers: boolean }): Promise<ReindexResult>;
  /** Creates an account that signs in with a password. */
  addUser(email: string, password: string): Promise<void>;
  /** Every account, ordered by email (the embedded store only). */
  listUsers(): Promise<UserView[]>;
  /**
   * Lets queued processing finish: runs the job runner in this process until no job is waiting on
   * the embedded store; over HTTP the server's own worker does it, so this returns at once.
   */
  runJobs(signal: AbortSignal): Promise<void>;
  /** Releases the store (and its lock) or nothing. */
  close(): Promise<void>;
}
