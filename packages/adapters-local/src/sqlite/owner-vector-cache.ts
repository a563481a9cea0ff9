import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { float32Norm, type VectorMatrix } from './vec0-cosine-scan.ts';

/** One owner's vectors as held in memory, with the rows they stand for. */
export interface OwnerVectors {
  matrix: VectorMatrix;
  /** Chunk and document of vector i. */
  chunkIds: string[];
  documentIds: string[];
}

interface Entry {
  /** Vector count and highest entry id of the owner when loaded: the version of the copy. */
  count: number;
  highest: number;
  vectors: OwnerVectors;
  bytes: number;
}

interface Stamp {
  n: number;
  top: number;
}

interface LoadedRow {
  id: number;
  chunkId: string;
  documentId: string;
  embedding: Uint8Array;
}

/**
 * Owners' vectors copied out of `vector_items` into memory, so an exact search computes distances
 * without reading every vector out of SQLite's pages again (which is what sqlite-vec's scan spends
 * its time on). SQLite stays the source of truth: before each use the copy is checked against the
 * owner's vector count and highest entry id. Entry ids are never reused (AUTOINCREMENT; a replaced
 * vector gets a new id), so any insert raises the highest id and any delete without an insert
 * lowers the count: an unchanged pair means an unchanged set of vectors, and a changed one reloads
 * the owner. Owners are kept least recently used first within `maxBytes`; an owner larger than that
 * is not copied (its searches stay in SQLite). Every method is synchronous: run it inside
 * `SqliteUnitOfWork.read`.
 */
export class OwnerVectorCache {
  readonly #dimensions: number;
  readonly #maxBytes: number;
  readonly #stamp: StatementSync;
  readonly #load: StatementSync;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(db: DatabaseSync, options: { dimensions: number; maxBytes: number }) {
    this.#dimensions = options.dimensions;
    this.#maxBytes = options.maxBytes;
    this.#stamp = db.prepare(
      'SELECT count(*) AS n, coalesce(max(entry_id), 0) AS top FROM vector_entries WHERE owner_id = ?',
    );
    this.#load = db.prepare(
      `SELECT e.entry_id AS id, e.chunk_id AS chunkId, e.document_id AS documentId, v.embedding AS embedding
       FROM vector_entries AS e JOIN vector_items AS v ON v.rowid = e.entry_id
       WHERE e.owner_id = ? ORDER BY e.entry_id`,
    );
  }

  /** Bytes of vectors held now (for tests and figures). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The owner's current vectors, loaded when missing or stale; undefined when they exceed the budget. */
  get(ownerId: string): OwnerVectors | undefined {
    const { n, top } = this.#stamp.get(ownerId) as unknown as Stamp;
    const cached = this.#entries.get(ownerId);
    if (cached !== undefined) {
      this.#drop(ownerId, cached);
      if (cached.count === n && cached.highest === top) {
        this.#keep(ownerId, cached);
        return cached.vectors;
      }
    }
    if (this.#sizeOf(n) > this.#maxBytes) return undefined;
    const entry = this.#read(ownerId);
    if (entry === undefined || entry.bytes > this.#maxBytes) return undefined;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes + entry.bytes <= this.#maxBytes) break;
      this.#drop(oldest, old);
    }
    this.#keep(ownerId, entry);
    return entry.vectors;
  }

  #sizeOf(count: number): number {
    // The values, the norms, and about 100 bytes for each vector's two ids.
    return count * (this.#dimensions * 4 + 8 + 100);
  }

  /** One statement, so the rows and their version come from one snapshot. */
  #read(ownerId: string): Entry | undefined {
    const rows = this.#load.all(ownerId) as unknown as LoadedRow[];
    const d = this.#dimensions;
    const values = new Float32Array(rows.length * d);
    const norms = new Float64Array(rows.length);
    let highest = 0;
    for (const [i, row] of rows.entries()) {
      // A vector of another width cannot be compared like the extension would: leave it to SQLite.
      if (row.embedding.byteLength !== d * 4) return undefined;
      values.set(new Float32Array(row.embedding.slice().buffer), i * d);
      norms[i] = float32Norm(values, i * d, d);
      highest = Math.max(highest, row.id);
    }
    return {
      count: rows.length,
      highest,
      vectors: {
        matrix: { dimensions: d, values, norms, count: rows.length },
        chunkIds: rows.map((row) => row.chunkId),
        documentIds: rows.map((row) => row.documentId),
      },
      bytes: this.#sizeOf(rows.length),
    };
  }

  #keep(ownerId: string, entry: Entry): void {
    this.#entries.set(ownerId, entry);
    this.#bytes += entry.bytes;
  }

  #drop(ownerId: string, entry: Entry): void {
    this.#entries.delete(ownerId);
    this.#bytes -= entry.bytes;
  }
}
