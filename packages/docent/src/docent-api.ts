import type { BackupResult } from '@docent/adapters-local';
import type {
  Answer,
  DocumentRecord,
  DocumentStatus,
  DocumentText,
  HistoryEntry,
  Page,
  ProcessingStage,
  Source,
  User,
} from '@docent/domain';

/** Who a call acts for. */
export interface OwnerOption {
  /** Email of an existing account (see `users.add`); default: the default user. */
  owner?: string;
}

export interface IngestOptions extends OwnerOption {
  /** The document's name; default the file's name. Required when ingesting bytes. */
  name?: string;
  /**
   * Stops waiting: the call rejects with the signal's reason, and a document this call created is
   * deleted (its processing stops at its next step). A document that already existed is kept.
   */
  signal?: AbortSignal;
}

/** How far the processing of an ingested document has got. */
export interface IngestProgress {
  documentId: string;
  /** `uploaded` (queued), `processing`, then `ready` or `failed`. */
  status: DocumentStatus;
  /** `queued`, `extracting`, `chunking`, `indexing`, `embedding`, then `done` or `failed`. */
  stage: ProcessingStage;
  /** Units of the stage done so far, of `total` (chunks while embedding). */
  done: number;
  total: number;
  /** Estimated seconds left in the stage, while embedding. */
  etaSeconds?: number;
}

/** A finished ingestion: the document `ready`, or `failed` with its `error` (a reason code such as `encrypted_pdf`). */
export interface IngestResult {
  document: DocumentRecord;
  /** False when the owner already had these exact bytes: that document is returned instead of a copy. */
  created: boolean;
}

/**
 * An ingestion under way: `await` it for the `IngestResult`, or iterate it (`for await`) for its
 * `IngestProgress` events (each change of status, stage or count, in order) until it finishes.
 */
export interface Ingestion extends PromiseLike<IngestResult>, AsyncIterable<IngestProgress> {}

export interface AskOptions extends OwnerOption {
  /** Answer from these documents only (each must be the owner's). */
  documentIds?: string[];
  /** How many ranked sources to return (1 to 50, default 10). */
  topK?: number;
  /** Continue this conversation: the question is read as a follow-up of its last turns. */
  conversationId?: string;
  /** Aborting stops retrieval and generation; nothing is recorded in history. */
  signal?: AbortSignal;
}

/** What an ask stream yields, in this order: text as it is produced, the ranked sources, the final answer. */
export type AskEvent =
  | { type: 'token'; text: string }
  | { type: 'sources'; sources: Source[] }
  | { type: 'answer'; answer: Answer };

/**
 * A question being answered: iterate it for `AskEvent`s, or `await` it (or its `answer`) for the
 * final `Answer` with its checked citations.
 */
export interface AskStream extends PromiseLike<Answer>, AsyncIterable<AskEvent> {
  /** The final answer, as a promise. */
  readonly answer: Promise<Answer>;
}

export interface SearchOptions extends OwnerOption {
  /** Search these documents only. */
  documentIds?: string[];
  /** How many passages to return (1 to 50, default 10). */
  topK?: number;
  signal?: AbortSignal;
}

export interface PageOptions extends OwnerOption {
  /** Items per page (default 20, at most 100). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** The accounts of the store. Documents, questions and history always belong to one of them. */
export interface DocentUsers {
  /** The account `owner`-less calls act for; created when the store opened if missing. */
  readonly default: User;
  /** Adds an account; without a password it cannot sign in to a server, only be acted for here. */
  add(email: string, options?: { password?: string }): Promise<User>;
  /** Every account, ordered by email. */
  list(): Promise<User[]>;
  /** The account with this email, or null. */
  get(email: string): Promise<User | null>;
}

export interface DocentDocuments {
  /** The owner's documents, newest first, a page at a time. */
  list(options?: PageOptions): Promise<Page<DocumentRecord>>;
  /** Throws `document_not_found`. */
  get(documentId: string, options?: OwnerOption): Promise<DocumentRecord>;
  /** The document's extracted text and its chunks; throws `document_not_found` or `document_not_ready`. */
  text(documentId: string, options?: OwnerOption): Promise<DocumentText>;
  /** Removes the file, its chunks and index entries, and redacts history that cited it. */
  delete(documentId: string, options?: OwnerOption): Promise<void>;
}

/** An open Docent: the application without HTTP. Close it when done. */
export interface Docent {
  /** Where the store lives; undefined for `storage: 'memory'`. */
  readonly dataDir: string | undefined;
  readonly users: DocentUsers;
  readonly documents: DocentDocuments;
  /** Adds a file (a path) or bytes (with `name`); settles when the document is ready or failed. */
  ingest(source: string | Uint8Array, options?: IngestOptions): Ingestion;
  /** Answers from the owner's documents with citations; streams as it goes. */
  ask(question: string, options?: AskOptions): AskStream;
  /** The best-matching passages, ranked as an answer's sources, without answering or recording. */
  search(query: string, options?: SearchOptions): Promise<Source[]>;
  /** The owner's questions, newest first, a page at a time. */
  history(options?: PageOptions): Promise<Page<HistoryEntry>>;
  /** An online backup of the store into an absent or empty folder (restore it with `docent restore`). */
  backup(toDir: string): Promise<BackupResult>;
  /** Stops processing (running jobs finish, bounded), closes the store and releases the data dir. Idempotent. */
  close(): Promise<void>;
}
