import {
  type Clock,
  DocentError,
  type DocumentPatch,
  type DocumentRecord,
  type DocumentRepository,
  type Page,
  type PageRequest,
  type StaleDocumentsQuery,
  systemClock,
} from '@docent/domain';
import { pageNewestFirst, pageOldestFirst } from './keyset-page.ts';
import type { Restore, Snapshottable } from './snapshottable.ts';

/** Document metadata in a Map. Records are copied in and out, so callers never share state with it. */
export class InMemoryDocumentRepository implements DocumentRepository, Snapshottable {
  private documents = new Map<string, DocumentRecord>();
  // Plain private fields (not #): tests wrap the repository with Object.create, which # fields refuse.
  /** When each document was last created or updated (ISO-8601), beside the records it does not belong to. */
  private changedAt = new Map<string, string>();
  private readonly clock: Clock;

  /** `clock` dates every change (default: the system clock). */
  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async create(document: DocumentRecord): Promise<void> {
    if (this.documents.has(document.id)) {
      throw new DocentError('conflict', `A document with id ${document.id} already exists.`);
    }
    if (this.findOwn(document.ownerId, (stored) => stored.sha256 === document.sha256) !== undefined) {
      throw new DocentError('conflict', 'You already uploaded a document with the same content.');
    }
    this.documents.set(document.id, structuredClone(document));
    this.changedAt.set(document.id, this.clock.now().toISOString());
  }

  async get(ownerId: string, documentId: string): Promise<DocumentRecord | null> {
    const document = this.own(ownerId, documentId);
    return document === undefined ? null : structuredClone(document);
  }

  async getMany(ownerId: string, documentIds: readonly string[]): Promise<DocumentRecord[]> {
    return documentIds.flatMap((id) => {
      const document = this.own(ownerId, id);
      return document === undefined ? [] : [structuredClone(document)];
    });
  }

  async findBySha256(ownerId: string, sha256: string): Promise<DocumentRecord | null> {
    const document = this.findOwn(ownerId, (stored) => stored.sha256 === sha256);
    return document === undefined ? null : structuredClone(document);
  }

  async list(ownerId: string, page: PageRequest): Promise<Page<DocumentRecord>> {
    const owned = [...this.documents.values()].filter((document) => document.ownerId === ownerId);
    const result = pageNewestFirst(owned, (document) => ({ time: document.uploadedAt, id: document.id }), page);
    return { items: result.items.map((document) => structuredClone(document)), nextCursor: result.nextCursor };
  }

  async update(ownerId: string, documentId: string, patch: DocumentPatch): Promise<DocumentRecord | null> {
    const current = this.own(ownerId, documentId);
    if (current === undefined) return null;
    const next: DocumentRecord = structuredClone(current);
    // Only keys with a value change anything: `undefined` means "not given", `error: null` clears.
    if (patch.status !== undefined) next.status = patch.status;
    if (patch.progress !== undefined) next.progress = structuredClone(patch.progress);
    if (patch.error === null) delete next.error;
    else if (patch.error !== undefined) next.error = structuredClone(patch.error);
    if (patch.readyAt !== undefined) next.readyAt = patch.readyAt;
    if (patch.pageCount !== undefined) next.pageCount = patch.pageCount;
    if (patch.chunkCount !== undefined) next.chunkCount = patch.chunkCount;
    if (patch.sweeps === 0) delete next.sweeps;
    else if (patch.sweeps !== undefined) next.sweeps = patch.sweeps;
    this.documents.set(documentId, next);
    this.changedAt.set(documentId, this.clock.now().toISOString());
    return structuredClone(next);
  }

  async delete(ownerId: string, documentId: string): Promise<boolean> {
    if (this.own(ownerId, documentId) === undefined) return false;
    this.changedAt.delete(documentId);
    return this.documents.delete(documentId);
  }

  async count(ownerId: string): Promise<number> {
    let count = 0;
    for (const document of this.documents.values()) if (document.ownerId === ownerId) count += 1;
    return count;
  }

  /** Filters every document: a Map holds no index to read instead, and only tests and try-outs use it. */
  async listStale(query: StaleDocumentsQuery): Promise<Page<DocumentRecord>> {
    const before = Date.parse(query.changedBefore);
    const stale = [...this.documents.values()].filter(
      (document) => document.status === query.status && Date.parse(this.changed(document)) < before,
    );
    const { limit, cursor } = query;
    const result = pageOldestFirst(stale, (document) => ({ time: this.changed(document), id: document.id }), {
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    return { items: result.items.map((document) => structuredClone(document)), nextCursor: result.nextCursor };
  }

  snapshot(): Restore {
    const saved = new Map(this.documents);
    const savedChanges = new Map(this.changedAt);
    return () => {
      this.documents = new Map(saved);
      this.changedAt = new Map(savedChanges);
    };
  }

  private changed(document: DocumentRecord): string {
    return this.changedAt.get(document.id) ?? document.uploadedAt;
  }

  private own(ownerId: string, documentId: string): DocumentRecord | undefined {
    const document = this.documents.get(documentId);
    return document?.ownerId === ownerId ? document : undefined;
  }

  private findOwn(ownerId: string, matches: (document: DocumentRecord) => boolean): DocumentRecord | undefined {
    for (const document of this.documents.values()) {
      if (document.ownerId === ownerId && matches(document)) return document;
    }
    return undefined;
  }
}
