import type { DocumentFailure, DocumentRecord, DocumentStatus, ProcessingProgress } from '../entities/document.ts';
import type { Page, PageRequest } from '../entities/page.ts';

/** Fields of a document that change after upload. `error: null` clears a previous failure. */
export interface DocumentPatch {
  status?: DocumentStatus;
  progress?: ProcessingProgress;
  error?: DocumentFailure | null;
  readyAt?: string;
  pageCount?: number;
  chunkCount?: number;
}

/** Document metadata, always scoped by owner: no method returns another user's document. */
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
}
