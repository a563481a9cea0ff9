import type { DocumentRecord } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { GetDocumentUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';

/** One of the caller's documents with its processing state. */
export class GetDocument implements GetDocumentUseCase {
  readonly #documents: DocumentRepository;

  constructor(deps: { documents: DocumentRepository }) {
    this.#documents = deps.documents;
  }

  /** Throws `document_not_found` for unknown and foreign ids alike. */
  async execute(principal: Principal, input: { documentId: string }): Promise<DocumentRecord> {
    const document = await this.#documents.get(principal.userId, input.documentId);
    if (document === null) throw documentNotFound(input.documentId);
    return document;
  }
}
