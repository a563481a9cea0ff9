import type { HistoryEntry, Page, PageRequest, QueryHistoryRepository } from '@docent/domain';
import { pageNewestFirst } from './keyset-page.ts';
import type { Restore, Snapshottable } from './snapshottable.ts';

/** Asked questions in a Map by id; copies in and out. */
export class InMemoryQueryHistoryRepository implements QueryHistoryRepository, Snapshottable {
  private entries = new Map<string, HistoryEntry>();

  async add(entry: HistoryEntry): Promise<void> {
    this.entries.set(entry.id, structuredClone(entry));
  }

  async list(ownerId: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    const owned = [...this.entries.values()].filter((entry) => entry.ownerId === ownerId);
    const result = pageNewestFirst(owned, (entry) => ({ time: entry.askedAt, id: entry.id }), page);
    return { items: result.items.map((entry) => structuredClone(entry)), nextCursor: result.nextCursor };
  }

  async redactDocument(ownerId: string, documentId: string): Promise<number> {
    let changed = 0;
    for (const entry of this.entries.values()) {
      if (entry.ownerId !== ownerId || !entry.citations.some((citation) => citation.documentId === documentId))
        continue;
      // The answer was written from the deleted document, so none of it may survive: not even
      // the citations of other documents, which only made sense next to that text.
      this.entries.set(entry.id, { ...entry, answer: '', citations: [], redacted: true });
      changed += 1;
    }
    return changed;
  }

  snapshot(): Restore {
    const saved = new Map(this.entries);
    return () => {
      this.entries = new Map(saved);
    };
  }
}
