import type { Page, PageRequest } from '../entities/page.ts';
import type { HistoryEntry, UsageTotals } from '../entities/query.ts';

/** The questions each user asked, with answers and citations. */
export interface QueryHistoryRepository {
  /** Records one asked question. */
  add(entry: HistoryEntry): Promise<void>;
  /** The owner's entries, newest first (ties broken by id, descending). */
  list(ownerId: string, page: PageRequest): Promise<Page<HistoryEntry>>;
  /**
   * Removes what a deleted document contributed: entries citing it keep their question but lose
   * their answer and citations and are marked `redacted`. Returns how many entries changed.
   */
  redactDocument(ownerId: string, documentId: string): Promise<number>;
  /** The last `limit` entries of one of the owner's conversations, oldest first; `[]` for an unknown id. */
  conversation(ownerId: string, conversationId: string, limit: number): Promise<HistoryEntry[]>;
  /** Questions, tokens and estimated cost summed over all the owner's entries (redacted ones included). */
  usageTotals(ownerId: string): Promise<UsageTotals>;
}
