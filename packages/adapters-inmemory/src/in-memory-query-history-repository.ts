import type { HistoryEntry, Page, PageRequest, QueryHistoryRepository, UsageTotals } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { pageNewestFirst } from './keyset-page.ts';
import type { Restore, Snapshottable } from './snapshottable.ts';

/** Oldest first, ties by id ascending: the exact reverse of the newest-first listing. */
const oldestFirst = (a: HistoryEntry, b: HistoryEntry): number => {
  const byTime = Date.parse(a.askedAt) - Date.parse(b.askedAt);
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
};

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

  async conversation(ownerId: string, conversationId: string, limit: number): Promise<HistoryEntry[]> {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new DocentError('validation_failed', 'The conversation limit must be a positive integer.', {
        details: { field: 'limit' },
      });
    }
    const turns = [...this.entries.values()]
      .filter((entry) => entry.ownerId === ownerId && entry.conversationId === conversationId)
      .sort(oldestFirst);
    return turns.slice(-limit).map((entry) => structuredClone(entry));
  }

  async usageTotals(ownerId: string): Promise<UsageTotals> {
    const totals: UsageTotals = { questions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    for (const entry of this.entries.values()) {
      if (entry.ownerId !== ownerId) continue;
      totals.questions += 1;
      totals.inputTokens += entry.usage?.inputTokens ?? 0;
      totals.outputTokens += entry.usage?.outputTokens ?? 0;
      totals.costUsd += entry.usage?.costUsd ?? 0;
    }
    return totals;
  }

  snapshot(): Restore {
    const saved = new Map(this.entries);
    return () => {
      this.entries = new Map(saved);
    };
  }
}
