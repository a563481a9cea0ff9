import type { DocumentText } from '../entities/chunk.ts';
import { isSearchable } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { GetDocumentTextUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';

/**
 * The normalised text of a processed document: what citation offsets index. A document still
 * embedding has it too (it is stored with the chunks), so its citations can be opened.
 */
export class GetDocumentText implements GetDocumentTextUseCase {
  readonly #documents: DocumentRepository;
  readonly #chunks: ChunkRepository;

  constructor(deps: { documents: DocumentRepository; chunks: ChunkRepository }) {
    this.#documents = deps.documents;
    this.#chunks = deps.chunks;
  }

  /** Throws `document_not_found`, or `document_not_ready` until the document is searchable. */
  async execute(principal: Principal, input: { documentId: string }): Promise<DocumentText> {
    const document = await this.#documents.get(principal.userId, input.documentId);
    if (document === null) throw documentNotFound(input.documentId);
    const text = isSearchable(document) ? await this.#chunks.getText(principal.userId, input.documentId) : null;
    if (text === null) {
      throw new DocentError('document_not_ready', 'The document is still being processed.', {
        details: { documentId: input.documentId, status: document.status },
      });
    }
    return text;
  }
}
