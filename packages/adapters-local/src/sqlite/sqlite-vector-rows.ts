import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A live vector row: which chunk and document an entry id stands for. */
export interface VectorRow {
  entryId: number;
  chunkId: string;
  documentId: string;
}

/**
 * The reads an index kept outside SQLite needs to stay a faithful copy of `vector_entries` and
 * `vector_items`: SQLite is the source of truth, and the copy only remembers the highest entry id
 * it holds. Every method is synchronous: callers run them inside `SqliteUnitOfWork.read`, so they
 * see committed rows only.
 */
export class SqliteVectorRows {
  readonly #highestId: StatementSync;
  readonly #countOwner: StatementSync;
  readonly #countScope: StatementSync;
  readonly #countOwnerUpTo: StatementSync;
  readonly #idsAfter: StatementSync;
  readonly #vector: StatementSync;
  readonly #rows: StatementSync;
  readonly #largeOwners: StatementSync;

  constructor(db: DatabaseSync) {
    this.#largeOwners = db.prepare(
      'SELECT owner_id AS ownerId FROM vector_entries GROUP BY owner_id HAVING count(*) >= ? ORDER BY owner_id',
    );
    this.#highestId = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'vector_entries'");
    this.#countOwner = db.prepare('SELECT count(*) AS n FROM vector_entries WHERE owner_id = ?');
    this.#countOwnerUpTo = db.prepare(
      'SELECT count(*) AS n FROM (SELECT 1 FROM vector_entries WHERE owner_id = ? LIMIT ?)',
    );
    this.#countScope = db.prepare(
      'SELECT count(*) AS n FROM vector_entries WHERE owner_id = ? AND document_id IN (SELECT value FROM json_each(?))',
    );
    this.#idsAfter = db.prepare(
      'SELECT entry_id AS id FROM vector_entries WHERE owner_id = ? AND entry_id > ? ORDER BY entry_id LIMIT ?',
    );
    this.#vector = db.prepare('SELECT embedding FROM vector_items WHERE rowid = ?');
    this.#rows = db.prepare(
      `SELECT entry_id AS entryId, chunk_id AS chunkId, document_id AS documentId FROM vector_entries
       WHERE entry_id IN (SELECT value FROM json_each(?)) AND owner_id = ?`,
    );
  }

  /** The highest entry id ever given out (ids are never reused), 0 before the first. */
  highestId(): number {
    return (this.#highestId.get() as { seq: number } | undefined)?.seq ?? 0;
  }

  /** How many vectors the owner has (in `documentIds`, when given). */
  count(ownerId: string, documentIds?: readonly string[]): number {
    const row = (
      documentIds === undefined
        ? this.#countOwner.get(ownerId)
        : this.#countScope.get(ownerId, JSON.stringify(documentIds))
    ) as { n: number };
    return row.n;
  }

  /**
   * Whether the owner has at least `count` vectors: reads at most `count` index entries, where
   * `count()` reads all of the owner's (3.7M at 1M chunks).
   */
  hasAtLeast(ownerId: string, count: number): boolean {
    return (this.#countOwnerUpTo.get(ownerId, count) as { n: number }).n >= count;
  }

  /** The owners with at least `count` vectors. */
  ownersWithAtLeast(count: number): string[] {
    return (this.#largeOwners.all(count) as Array<{ ownerId: string }>).map((row) => row.ownerId);
  }

  /** The owner's entry ids above `after`, ascending, at most `limit`. */
  idsAfter(ownerId: string, after: number, limit: number): number[] {
    return (this.#idsAfter.all(ownerId, after, limit) as Array<{ id: number }>).map((row) => row.id);
  }

  /** The stored vectors of these entry ids (a deleted one is left out). */
  vectors(ids: readonly number[]): Map<number, Float32Array> {
    const found = new Map<number, Float32Array>();
    for (const id of ids) {
      const row = this.#vector.get(BigInt(id)) as { embedding: Uint8Array } | undefined;
      if (row !== undefined) {
        // Copied so the vector does not pin SQLite's buffer (and is 4-byte aligned).
        found.set(id, new Float32Array(row.embedding.slice().buffer));
      }
    }
    return found;
  }

  /** The live rows of these entry ids that belong to the owner; any other id is left out. */
  rows(ownerId: string, ids: readonly number[]): VectorRow[] {
    return this.#rows.all(JSON.stringify(ids), ownerId) as unknown as VectorRow[];
  }
}
