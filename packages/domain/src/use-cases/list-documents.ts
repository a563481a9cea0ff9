import type { DocumentRecord } from '../entities/document.ts';
import type { Page, PageRequest } from '../entities/page.ts';
import type { Principal } from '../entities/user.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { ListDocumentsUseCase } from './contracts.ts';
import { resolvePageRequest } from './page-request.ts';

/** The caller's documents, newest first, a page at a time. */
export class ListDocuments implements ListDocumentsUseCase {
  readonly #documents: DocumentRepository;

  constructor(deps: { documents: DocumentRepository }) {
    this.#documents = deps.documents;
  }

  /** `limit` defaults to 20 and is capped at 100; `cursor` is the opaque `nextCursor` of a previous page. */
  async execute(principal: Principal, page: Partial<PageRequest>): Promise<Page<DocumentRecord>> {
    return this.#documents.list(principal.userId, resolvePageRequest(page));
  }
}
