import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** Vocabulary rows read per event-loop turn while refreshing (the vocabulary can have 100k+ terms). */
const PAGE = 2_000;
const HOUR = 60 * 60_000;

/** What the last refresh found: the common terms' chunk counts and the index's size then. */
export interface CommonTermsSnapshot {
  /** Chunks (of all owners) holding each term found in more than `floor` of them. */
  readonly frequencies: ReadonlyMap<string, number>;
  /** Chunks in the index at the refresh (0 before the first one). */
  readonly rows: number;
  /** Terms missing from `frequencies` are in at most this many chunks (as of the refresh; Infinity before the first). */
  readonly floor: number;
}

/**
 * How many chunks hold each of the index's common terms, so a search can tell a short posting list
 * from a long one without reading it (FTS5 has no cheap document frequency: fts5vocab walks the
 * whole list). Only terms in more than `floor` chunks are kept: a few thousand even at 1M chunks,
 * since by Zipf's law most terms are rare. Checked every `refreshMs` and recomputed in the
 * background, a page of the vocabulary per event-loop turn, when the index grew or shrank by a tenth
 * (or an hour passed). Until the first pass ends nothing is known about any term (its `floor` is
 * Infinity), so searches count their terms' rows themselves, up to their budget.
 */
export class CommonTerms {
  readonly #db: DatabaseSync;
  readonly #uow: SqliteUnitOfWork;
  readonly #highestEntry: StatementSync;
  readonly #rows: StatementSync;
  readonly #vocabulary: StatementSync;
  readonly #refreshMs: number;
  readonly #floor: number;
  #snapshot: CommonTermsSnapshot;
  #refreshedAt = 0;
  #scannedAt = 0;
  #highestAtScan = -1;
  #refreshing: Promise<void> | null = null;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, options: { floor: number; refreshMs?: number }) {
    this.#db = db;
    this.#uow = uow;
    this.#floor = options.floor;
    this.#refreshMs = options.refreshMs ?? 60_000;
    this.#snapshot = { frequencies: new Map(), rows: 0, floor: Number.POSITIVE_INFINITY };
    // A per-connection view of the FTS vocabulary (no schema change): one row per term, `doc` = rows holding it.
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexical_vocabulary USING fts5vocab(main, lexical_fts, 'row')");
    this.#highestEntry = db.prepare('SELECT max(entry_id) AS n FROM lexical_entries');
    this.#rows = db.prepare('SELECT count(*) AS n FROM lexical_entries');
    this.#vocabulary = db.prepare('SELECT term, doc FROM temp.lexical_vocabulary WHERE term > ? ORDER BY term LIMIT ?');
  }

  /** The counts as last computed; starts a refresh in the background when one is due. */
  current(): CommonTermsSnapshot {
    if (this.#refreshing === null && Date.now() - this.#refreshedAt > this.#refreshMs) void this.#start(false);
    return this.#snapshot;
  }

  /** Resolves once a pass has completed (at once when one has; else it starts or joins one). */
  async firstPass(): Promise<void> {
    if (this.#scannedAt === 0) await this.#start(true);
  }

  /** Recomputes the counts now, a page of the vocabulary per turn; concurrent calls share one pass. */
  refresh(): Promise<void> {
    return this.#start(true);
  }

  #start(force: boolean): Promise<void> {
    this.#refreshing ??= this.#scan(force).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #scan(force: boolean): Promise<void> {
    await nextTurn();
    // The highest entry id grows with every chunk added and is cheap to read, unlike count(*). The
    // store may be closed while a refresh waits for its turn: then there is nothing to refresh.
    const highest = await this.#uow.read(() =>
      this.#db.isOpen ? ((this.#highestEntry.get() as { n: number | null }).n ?? 0) : -1,
    );
    if (highest < 0) return;
    const grew = Math.abs(highest - this.#highestAtScan) >= Math.max(1, highest / 10);
    // Deletions do not move the highest id: a full pass every hour catches up with them.
    if (!force && !grew && Date.now() - this.#scannedAt < HOUR) {
      this.#refreshedAt = Date.now();
      return;
    }
    const rows = await this.#uow.read(() => (this.#db.isOpen ? (this.#rows.get() as { n: number }).n : -1));
    if (rows < 0) return;
    const frequencies = new Map<string, number>();
    for (let after = ''; ; await nextTurn()) {
      const page = await this.#uow.read(() =>
        this.#db.isOpen ? (this.#vocabulary.all(after, PAGE) as Array<{ term: string; doc: number }>) : null,
      );
      if (page === null) return;
      for (const { term, doc } of page) if (doc > this.#floor) frequencies.set(term, doc);
      if (page.length < PAGE) break;
      after = page.at(-1)?.term ?? after;
    }
    this.#snapshot = { frequencies, rows, floor: this.#floor };
    this.#highestAtScan = highest;
    this.#scannedAt = Date.now();
    this.#refreshedAt = this.#scannedAt;
  }
}
