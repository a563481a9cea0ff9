import type { DocumentFailure, DocumentRecord, DocumentStatus, ProcessingProgress } from '../entities/document.ts';
import type { Page, PageRequest } from '../entities/page.ts';
import type { StaleDocumentsQuery } from './stale-documents-query.ts';

/** Fields of a document that change after upload. `error: null` clears a previous failure. */
export interface DocumentPatch {
  status?: DocumentStatus;
  progress?: ProcessingProgress;
  error?: DocumentFailure | null;
  readyAt?: string;
  pageCount?: number;
  chunkCount?: number;
  /** Sweeper attempts so far; `0` removes the field (see `DocumentRecord.sweeps`). */
  sweeps?: number;
}

/**
 * Document metadata, always scoped by owner: no method returns another user's document, except
 * `listStale`, which serves the stuck-document sweeper and no request. Every `create` and `update`
 * records when it happened (the adapter's clock): the document's last change, which `listStale` reads.
 */
export interface DocumentRepository {
  /** Stores a new document. Throws `conflict` if the owner already has one with the same sha256. */
  create(document: DocumentRecord): Promise<void>;
  /** The owner's document, or null when it does not exist or belongs to someone else. */
  get(ownerId: string, documentId: string): Promise<DocumentRecord | null>;
  /** Several of the owner's documents at once; unknown or foreign ids are skipped. */
  getMany(ownerId: string, documentIds: readonly string[]): Promise<DocumentRecord[]>;
  /** The owner's document with these exact bytes, for upload deduplication. */
  findBySha256(ownerId: string, sha256: string): Promise<DocumentRecord | null>;
  /** The owner's documents, newest upload first (ties broken by id, descending). */
  list(ownerId: string, page: PageRequest): Promise<Page<DocumentRecord>>;
  /** Applies a patch; returns the updated document, or null when it no longer exists. */
  update(ownerId: string, documentId: string, patch: DocumentPatch): Promise<DocumentRecord | null>;
  /** Removes the metadata; returns false when there was nothing to remove. */
  delete(ownerId: string, documentId: string): Promise<boolean>;
  /** How many documents the owner has. */
  count(ownerId: string): Promise<number>;
  /**
   * Documents of every owner in one in-flight status whose last change is older than
   * `changedBefore`, least recently changed first (ties by id). For the sweeper only: adapters serve
   * it from an index of in-flight documents, never by scanning every document.
   */
  listStale(query: StaleDocumentsQuery): Promise<Page<DocumentRecord>>;
}
