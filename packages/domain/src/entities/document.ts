/**
 * A media type such as `application/pdf`. A plain string: which types are read is the extractor's
 * business (its `formats`), so a new format never touches the domain.
 */
export type ContentType = string;

export type DocumentStatus = 'uploaded' | 'processing' | 'ready' | 'failed';

export type ProcessingStage = 'queued' | 'extracting' | 'chunking' | 'embedding' | 'indexing' | 'done' | 'failed';

/** How far processing has got: `done` of `total` units of the current stage. */
export interface ProcessingProgress {
  stage: ProcessingStage;
  done: number;
  total: number;
  /**
   * Estimated whole seconds until the current stage ends, from the rate measured so far in this
   * run (set while embedding, the long stage); absent when there is no estimate yet.
   */
  etaSeconds?: number;
}

/**
 * Whether questions may already be answered from the document: once `ready`, and while it is
 * still `processing` in the `embedding` stage, which processing enters only after the chunks are
 * in the lexical index. Derived rather than stored, so it can never disagree with the status;
 * answers then use BM25 plus whatever vectors exist so far.
 */
export const isSearchable = (document: Pick<DocumentRecord, 'status' | 'progress'>): boolean =>
  document.status === 'ready' || (document.status === 'processing' && document.progress.stage === 'embedding');

/** Why processing failed, with a stable reason code such as `encrypted_pdf` or `empty_document`. */
export interface DocumentFailure {
  code: string;
  message: string;
}

/** A stored document and its processing state. Owned by exactly one user. */
export interface DocumentRecord {
  id: string;
  ownerId: string;
  /** The file name as uploaded (sanitised: no path parts). */
  name: string;
  contentType: ContentType;
  /** Size of the original file in bytes. */
  size: number;
  /** Hex SHA-256 of the original bytes; uploads are deduplicated per owner on it. */
  sha256: string;
  /** Where the original bytes live in the BlobStore. */
  blobKey: string;
  status: DocumentStatus;
  progress: ProcessingProgress;
  error?: DocumentFailure;
  /** ISO-8601. */
  uploadedAt: string;
  /** ISO-8601, set when status became `ready`. */
  readyAt?: string;
  pageCount?: number;
  chunkCount?: number;
}
