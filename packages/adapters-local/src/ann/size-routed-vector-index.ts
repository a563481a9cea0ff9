import type { ScoredChunk, VectorEntry, VectorIndex, VectorQuery } from '@docent/domain';
import { DocentError } from '@docent/domain';
import type { SqliteVectorRows } from '../sqlite/sqlite-vector-rows.ts';

/** When an owner counts as large, and the index that serves large owners. */
export interface LargeOwnerSearch {
  /** Owners with at least this many vectors are searched by `index` (the server's approximate one). */
  minVectors: number;
  index: Pick<VectorIndex, 'search'>;
  /** How long an owner's vector count is trusted before it is counted again (default 10 s). */
  recountMs?: number;
}

/**
 * Read-side vector search for a second connection (an ask worker): small owners are scanned
 * exactly on this connection, large ones are searched by the server's approximate index, so the
 * HNSW graph lives once per server instead of once per worker. Writes belong to the server's
 * connection and are refused here.
 */
export class SizeRoutedVectorIndex implements VectorIndex {
  readonly #exact: VectorIndex;
  readonly #rows: SqliteVectorRows;
  readonly #large: LargeOwnerSearch;
  readonly #counted = new Map<string, { large: boolean; at: number }>();

  constructor(exact: VectorIndex, rows: SqliteVectorRows, large: LargeOwnerSearch) {
    this.#exact = exact;
    this.#rows = rows;
    this.#large = large;
  }

  /** Refused: vectors are written on the server's connection. */
  async upsert(_entries: readonly VectorEntry[]): Promise<void> {
    throw new DocentError('internal_error', 'This connection only searches vectors.');
  }

  /** Refused: vectors are deleted on the server's connection. */
  async deleteDocument(_ownerId: string, _documentId: string): Promise<void> {
    throw new DocentError('internal_error', 'This connection only searches vectors.');
  }

  /** Exact for owners under `minVectors`, else the large-owner index. */
  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    return this.#isLarge(query.ownerId) ? this.#large.index.search(query) : this.#exact.search(query);
  }

  #isLarge(ownerId: string): boolean {
    const now = Date.now();
    let known = this.#counted.get(ownerId);
    if (known === undefined || now - known.at > (this.#large.recountMs ?? 10_000)) {
      // Counted only up to the threshold: counting all of a large owner's rows took 39-62 ms at 100k
      // chunks (374k vectors; 2 ms up to 20,000), paid by one question every `recountMs`.
      known = { large: this.#rows.hasAtLeast(ownerId, this.#large.minVectors), at: now };
      this.#counted.set(ownerId, known);
    }
    return known.large;
  }
}
