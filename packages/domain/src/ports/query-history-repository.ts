import type { Page, PageRequest } from '../entities/page.ts';
import type { HistoryEntry } from '../entities/query.ts';

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
}
