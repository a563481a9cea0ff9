import type { DocumentRecord, ProcessingProgress } from '../entities/document.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { DocumentPatch, DocumentRepository } from '../ports/document-repository.ts';
import type { JobFailure } from '../ports/job-queue.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import type { ProcessDocumentPayload } from '../use-cases/contracts.ts';

/** What the document jobs need to mark a document failed and remove what was derived from it. */
export interface DocumentCleanupDeps {
  documents: DocumentRepository;
  chunks: ChunkRepository;
  lexical: LexicalIndex;
  vectors: VectorIndex;
}

/** Thrown inside a document job when the document disappears mid-run (deleted by its owner). */
export class DocumentGone extends Error {}

/**
 * Applies a document job's progress with the status `processing` unless the patch says otherwise
 * (so a stale job's `ready`, landing between two stages of a newer run, lasts only until its next
 * update); throws `DocumentGone` when the document vanished, i.e. was deleted.
 */
export const updateProgress = async (
  documents: DocumentRepository,
  document: Pick<DocumentRecord, 'ownerId' | 'id'>,
  patch: DocumentPatch,
  progress: ProcessingProgress,
): Promise<void> => {
  const updated = await documents.update(document.ownerId, document.id, { status: 'processing', ...patch, progress });
  if (updated === null) throw new DocumentGone();
};

// Codes that say nothing about the document itself; a given-up job then reports `processing_failed`.
const UNINFORMATIVE_CODES = new Set(['internal_error', 'unavailable', 'rate_limited']);

/** The owner and document a document job's payload names, or null when it is malformed. */
export const parseDocumentPayload = (payload: Record<string, unknown>): ProcessDocumentPayload | null => {
  const { ownerId, documentId } = payload;
  return typeof ownerId === 'string' && typeof documentId === 'string' ? { ownerId, documentId } : null;
};

/**
 * A run's error as the job runner should see it: kept when it is a retryable DocentError, else
 * made retryable (another attempt may succeed; final failures are handled before this).
 */
export const asRetryable = (error: unknown): DocentError => {
  if (isDocentError(error) && error.retryable) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DocentError(isDocentError(error) ? error.code : 'internal_error', message, {
    retryable: true,
    cause: error,
  });
};

/** Removes everything processing may have written for the document (not its metadata). */
export const purgeDocument = async (deps: DocumentCleanupDeps, document: Pick<DocumentRecord, 'ownerId' | 'id'>) => {
  const { ownerId, id } = document;
  await deps.chunks.deleteForDocument(ownerId, id);
  await deps.lexical.deleteDocument(ownerId, id);
  await deps.vectors.deleteDocument(ownerId, id);
};

/** Marks the document `failed` for good and purges what was derived from it (nothing when it is gone). */
export const failDocument = async (
  deps: DocumentCleanupDeps,
  ownerId: string,
  documentId: string,
  error: { code: string; message: string },
): Promise<void> => {
  const updated = await deps.documents.update(ownerId, documentId, {
    status: 'failed',
    error,
    progress: { stage: 'failed', done: 0, total: 1 },
  });
  if (updated !== null) await purgeDocument(deps, updated);
};

/** The document failure a given-up job records: its code when it says something, else `processing_failed`. */
export const givenUpError = (failure: JobFailure): { code: string; message: string } => ({
  code: UNINFORMATIVE_CODES.has(failure.code) ? 'processing_failed' : failure.code,
  message: failure.message,
});
