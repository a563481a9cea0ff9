import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/**
 * Share of all indexed chunks above which a term counts as saturated. FTS5's bm25() clamps a term's
 * idf, log((N - n + 0.5) / (n + 0.5)), to 1e-6 once it would be <= 0, i.e. for terms in more than
 * half of the rows; 0.6 leaves a margin for the set being a little out of date.
 */
const SATURATED_SHARE = 0.6;
/** Vocabulary rows read per event-loop turn while refreshing (the vocabulary can have 100k+ terms). */
const PAGE = 2_000;

/**
 * The terms of the lexical index that are in so many chunks that bm25() scores them ~0, kept so
 * searches can leave them out of the MATCH: their posting lists are the longest (most of the corpus)
 * and cost most of a query's time. Refreshed in the background, page by page, when the row count
 * moved by a tenth since the last refresh or `refreshMs` passed; until the first refresh it is empty.
 */
export class SaturatedTerms {
  readonly #db: DatabaseSync;
  readonly #uow: SqliteUnitOfWork;
  readonly #rows: StatementSync;
  readonly #vocabulary: StatementSync;
  readonly #refreshMs: number;
  #terms: ReadonlySet<string> = new Set();
  #rowsAtRefresh = -1;
  #refreshedAt = 0;
  #refreshing: Promise<void> | null = null;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, options: { refreshMs?: number } = {}) {
    this.#db = db;
    this.#uow = uow;
    this.#refreshMs = options.refreshMs ?? 10 * 60_000;
    // A per-connection view of the FTS vocabulary (no schema change): one row per term, `doc` = rows holding it.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_vocabulary USING fts5vocab(main, lexical_fts, 'row')");
    this.#rows = db.prepare('SELECT max(entry_id) AS n FROM lexical_entries');
    this.#vocabulary = db.prepare('SELECT term, doc FROM temp.lexical_vocabulary WHERE term > ? ORDER BY term LIMIT ?');
  }

  /** The saturated terms as last computed; starts a refresh in the background when it is due. */
  current(): ReadonlySet<string> {
    const due = Date.now() - this.#refreshedAt > this.#refreshMs;
    if (this.#refreshing === null && (due || this.#rowsAtRefresh < 0)) void this.refresh();
    return this.#terms;
  }

  /** Recomputes the set, a page of the vocabulary per turn; concurrent calls share one pass. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#scan().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #scan(): Promise<void> {
    await nextTurn();
    // Highest entry id: the row count or a little above it (deleted rows), cheap to read.
    // The store may be closed while a refresh waits for its turn: then there is nothing to refresh.
    const rows = await this.#uow.read(() =>
      this.#db.isOpen ? ((this.#rows.get() as { n: number | null }).n ?? 0) : -1,
    );
    if (rows < 0) return;
    if (rows > 0 && Math.abs(rows - this.#rowsAtRefresh) < rows / 10 && this.#rowsAtRefresh >= 0) {
      this.#refreshedAt = Date.now();
      return;
    }
    const terms = new Set<string>();
    for (let after = ''; ; await nextTurn()) {
      const page = await this.#uow.read(() =>
        this.#db.isOpen ? (this.#vocabulary.all(after, PAGE) as Array<{ term: string; doc: number }>) : null,
      );
      if (page === null) return;
      for (const { term, doc } of page) if (doc > rows * SATURATED_SHARE) terms.add(term);
      if (page.length < PAGE) break;
      after = page.at(-1)?.term ?? after;
    }
    this.#terms = terms;
    this.#rowsAtRefresh = rows;
    this.#refreshedAt = Date.now();
  }
}
