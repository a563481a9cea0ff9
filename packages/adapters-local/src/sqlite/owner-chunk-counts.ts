import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Owners whose counts are remembered at most; past this the cache starts again. */
const MAX_OWNERS = 1_000;

/**
 * Each owner's number of indexed chunks, for termStatistics: counting them reads the owner's whole
 * slice of an index (about 45 ms at 1M chunks), while the number only changes when the index does.
 * Counts are kept until another connection commits anything (`PRAGMA data_version` moves) or this
 * connection writes to the index (`forget`, since its own commits do not move data_version).
 */
export class OwnerChunkCounts {
  readonly #count: StatementSync;
  readonly #dataVersion: StatementSync;
  readonly #counts = new Map<string, number>();
  #version = -1;

  constructor(db: DatabaseSync) {
    this.#count = db.prepare('SELECT count(*) AS n FROM lexical_entries WHERE owner_id = ?');
    this.#dataVersion = db.prepare('PRAGMA data_version');
  }

  /** The owner's chunk count; call inside a read. */
  get(ownerId: string): number {
    const { data_version: version } = this.#dataVersion.get() as { data_version: number };
    if (version !== this.#version) this.forget();
    this.#version = version;
    const known = this.#counts.get(ownerId);
    if (known !== undefined) return known;
    const { n } = this.#count.get(ownerId) as { n: number };
    if (this.#counts.size >= MAX_OWNERS) this.#counts.clear();
    this.#counts.set(ownerId, n);
    return n;
  }

  /** Drops every count: this connection is changing the index. */
  forget(): void {
    this.#counts.clear();
  }
}
