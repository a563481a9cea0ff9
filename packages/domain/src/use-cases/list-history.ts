import type { Page, PageRequest } from '../entities/page.ts';
import type { HistoryEntry } from '../entities/query.ts';
import type { Principal } from '../entities/user.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { ListHistoryUseCase } from './contracts.ts';
import { resolvePageRequest } from './page-request.ts';

/** The questions the caller asked, newest first, a page at a time. */
export class ListHistory implements ListHistoryUseCase {
  readonly #history: QueryHistoryRepository;

  constructor(deps: { history: QueryHistoryRepository }) {
    this.#history = deps.history;
  }

  /** `limit` defaults to 20 and is capped at 100; `cursor` is the opaque `nextCursor` of a previous page. */
  async execute(principal: Principal, page: Partial<PageRequest>): Promise<Page<HistoryEntry>> {
    return this.#history.list(principal.userId, resolvePageRequest(page));
  }
}
