import type { LexicalIndex } from '../src/ports/lexical-index.ts';
import type { VectorIndex } from '../src/ports/vector-index.ts';

// Test-only: indexes whose deletions show only after a refresh, as on OpenSearch Serverless, where
// entries stay searchable until the collection refreshes (up to a minute on vector collections).

/** The deletions asked for but not yet visible, applied by `refresh`. */
class PendingDeletes {
  readonly #pending: [string, string][] = [];
  readonly #apply: (ownerId: string, documentId: string) => Promise<void>;

  constructor(apply: (ownerId: string, documentId: string) => Promise<void>) {
    this.#apply = apply;
  }

  add(ownerId: string, documentId: string): void {
    this.#pending.push([ownerId, documentId]);
  }

  async refresh(): Promise<void> {
    for (const [ownerId, documentId] of this.#pending.splice(0)) await this.#apply(ownerId, documentId);
  }
}

/** `index`, with `deleteDocument` taking effect only at `refresh()`. */
export const laggingLexicalIndex = (index: LexicalIndex) => {
  const pending = new PendingDeletes((ownerId, documentId) => index.deleteDocument(ownerId, documentId));
  const lagging: LexicalIndex = {
    add: (entries) => index.add(entries),
    search: (query) => index.search(query),
    termStatistics: (ownerId, terms) => index.termStatistics(ownerId, terms),
    deleteDocument: async (ownerId, documentId) => pending.add(ownerId, documentId),
  };
  return { index: lagging, refresh: () => pending.refresh() };
};

/** `index`, with `deleteDocument` taking effect only at `refresh()`. */
export const laggingVectorIndex = (index: VectorIndex) => {
  const pending = new PendingDeletes((ownerId, documentId) => index.deleteDocument(ownerId, documentId));
  const lagging: VectorIndex = {
    upsert: (entries) => index.upsert(entries),
    search: (query) => index.search(query),
    deleteDocument: async (ownerId, documentId) => pending.add(ownerId, documentId),
  };
  return { index: lagging, refresh: () => pending.refresh() };
};
