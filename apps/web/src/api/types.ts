/** The signed-in user as the API returns it. */
export interface User {
  id: string;
  email: string;
}

/** What `POST /auth/login` and `POST /auth/oidc/session` return, kept in localStorage. */
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

/** `GET /auth/oidc/config`: whether single sign-on is offered and under which provider name. */
export interface OidcConfig {
  enabled: boolean;
  name?: string;
}

/** Processing states of a document, in the order they normally happen. */
export type DocumentStatus = 'uploaded' | 'processing' | 'ready' | 'failed';

/** A document as the API lists it. */
export interface DocumentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  status: DocumentStatus;
  /**
   * True when questions already search it: `ready`, or still embedding with its passages found by
   * keyword. Absent from servers older than the field.
   */
  searchable?: boolean;
  /** `etaSeconds`: the server's estimate of the time left in the stage, while embedding. */
  progress: { stage: string; done: number; total: number; etaSeconds?: number };
  error?: { code: string; message: string };
  uploadedAt: string;
  pageCount?: number;
  chunkCount?: number;
}

/** `POST /documents/upload`: the stored document and whether it is new (false for a duplicate). */
export interface UploadResult {
  document: DocumentView;
  created: boolean;
}

/** One page of a paged document as a span of the normalised text. */
export interface PageSpan {
  page: number;
  charStart: number;
  charEnd: number;
}

/** `GET /documents/:id/text`: the normalised text that citation offsets point into. */
export interface DocumentText {
  documentId: string;
  text: string;
  pages: PageSpan[];
}

/** An exact span of a document that supports an answer. */
export interface Citation {
  marker?: number;
  documentId: string;
  documentName: string;
  page?: number;
  charStart: number;
  charEnd: number;
  quote: string;
}

/** A retrieved passage, ranked; its offsets are in the document's normalised text, like a citation's. */
export interface Source {
  /** 1-based, best first. */
  rank: number;
  documentId: string;
  documentName: string;
  chunkId: string;
  page?: number;
  charStart: number;
  charEnd: number;
  score: number;
  /** Exactly the document's normalised text from `charStart` to `charEnd`. */
  text: string;
}

/** The part of an answer the UI shows; both live answers and history entries have it. */
export interface AnswerContent {
  answer: string;
  abstained: boolean;
  citations: Citation[];
}

/** `POST /query/ask` response (and the `answer` server-sent event). */
export interface Answer extends AnswerContent {
  /** The best-ranked passages, also on an abstention (history keeps none). */
  sources: Source[];
  conversationId: string;
  standaloneQuestion?: string;
}

/** Body of `POST /query/ask`. */
export interface AskRequest {
  question: string;
  documentIds?: string[];
  conversationId?: string;
}

/** One past question and its answer. */
export interface HistoryEntry extends AnswerContent {
  id: string;
  question: string;
  documentIds?: string[];
  askedAt: string;
  redacted?: boolean;
}

/** A page of `GET /query/history`. */
export interface HistoryPage {
  entries: HistoryEntry[];
  nextCursor?: string | null;
}
