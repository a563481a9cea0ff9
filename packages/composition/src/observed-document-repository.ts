import type { DocumentRecord, DocumentRepository } from '@docent/domain';
import { intercept } from './metrics/intercept.ts';

/** A document as an update left it, or `document: null` once it was deleted. */
export interface DocumentChange {
  ownerId: string;
  documentId: string;
  document: DocumentRecord | null;
}

/**
 * Tells `listener` about every document update and deletion as it is written: how processing
 * progress reaches in-process callers (the library's `ingest`, the CLI's progress bars) without
 * polling the store. The listener runs inside the writer's call: it must be quick and not throw.
 */
export const observedDocumentRepository = (
  inner: DocumentRepository,
  listener: (change: DocumentChange) => void,
): DocumentRepository =>
  intercept<DocumentRepository>(inner, {
    async update(ownerId, documentId, patch) {
      const updated = await inner.update(ownerId, documentId, patch);
      listener({ ownerId, documentId, document: updated });
      return updated;
    },
    async delete(ownerId, documentId) {
      const deleted = await inner.delete(ownerId, documentId);
      if (deleted) listener({ ownerId, documentId, document: null });
      return deleted;
    },
  });
