import type { Principal } from '../entities/user.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import type { DeleteDocumentUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';

/** Everything that deletion must reach. */
export interface DeleteDocumentDeps {
  documents: DocumentRepository;
  blobs: BlobStore;
  chunks: ChunkRepository;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  history: QueryHistoryRepository;
}

/**
 * Removes a document so nothing of it stays searchable. The metadata goes last but one: if a
 * step fails, the document is still listed and deleting it again finishes the job (every step
 * is idempotent). History is redacted after, so no answer quotes a document that is gone.
 */
export class DeleteDocument implements DeleteDocumentUseCase {
  readonly #deps: DeleteDocumentDeps;

  constructor(deps: DeleteDocumentDeps) {
    this.#deps = deps;
  }

  /** Throws `document_not_found` for unknown and foreign ids alike. */
  async execute(principal: Principal, input: { documentId: string }): Promise<void> {
    const { documents, blobs, chunks, lexical, vectors, history } = this.#deps;
    const ownerId = principal.userId;
    const document = await documents.get(ownerId, input.documentId);
    if (document === null) throw documentNotFound(input.documentId);
    await blobs.delete(document.blobKey);
    await chunks.deleteForDocument(ownerId, document.id);
    await lexical.deleteDocument(ownerId, document.id);
    await vectors.deleteDocument(ownerId, document.id);
    await documents.delete(ownerId, document.id);
    await history.redactDocument(ownerId, document.id);
  }
}
