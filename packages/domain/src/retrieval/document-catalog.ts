import { type DocumentRecord, isSearchable } from '../entities/document.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import { type CatalogDocument, catalogDocument } from '../query/catalog.ts';

const PAGE = 100;

/** The caller's searchable documents (ready, or still embedding: see `isSearchable`), read once for a question. */
export interface SearchableDocuments {
  /** The searchable documents by id: what retrieval may return hits from. */
  records: ReadonlyMap<string, DocumentRecord>;
  /** Their catalog entries, for question understanding (a document whose text is gone has none). */
  entries: CatalogDocument[];
}

/**
 * The caller's searchable documents as question understanding sees them (names, title lines, term
 * counts). Building an entry reads the document's whole text, so entries are kept per document
 * version (id and `readyAt`) and rebuilt only when a document is processed again.
 */
export class DocumentCatalog {
  readonly #documents: DocumentRepository;
  readonly #chunks: ChunkRepository;
  readonly #entries = new Map<string, { version: string; entry: CatalogDocument }>();

  constructor(deps: { documents: DocumentRepository; chunks: ChunkRepository }) {
    this.#documents = deps.documents;
    this.#chunks = deps.chunks;
  }

  /** The owner's searchable documents (only of `documentIds`, when given) and their entries. */
  async searchable(ownerId: string, documentIds?: readonly string[]): Promise<SearchableDocuments> {
    const records =
      documentIds === undefined ? await this.#all(ownerId) : await this.#documents.getMany(ownerId, documentIds);
    const searchable = records.filter(isSearchable);
    const entries = await Promise.all(searchable.map((record) => this.#entry(record)));
    return {
      records: new Map(searchable.map((record) => [record.id, record])),
      entries: entries.filter((entry): entry is CatalogDocument => entry !== undefined),
    };
  }

  async #all(ownerId: string): Promise<DocumentRecord[]> {
    const records: DocumentRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#documents.list(ownerId, { limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
      records.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return records;
  }

  async #entry(record: DocumentRecord): Promise<CatalogDocument | undefined> {
    // The status is part of the version: a document searchable while it is processed again has new
    // text under its old `readyAt`, and its entry is built again once more when it becomes ready.
    const version = `${record.status}:${record.readyAt ?? ''}`;
    const cached = this.#entries.get(record.id);
    if (cached !== undefined && cached.version === version) return cached.entry;
    const text = await this.#chunks.getText(record.ownerId, record.id);
    if (text === null) return undefined;
    const entry = catalogDocument({ documentId: record.id, name: record.name, text });
    this.#entries.set(record.id, { version, entry });
    return entry;
  }
}
