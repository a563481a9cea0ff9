import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ScoredChunk, VectorEntry, VectorIndex, VectorQuery } from '@docent/domain';
import { byScoreThenChunkId, DocentError } from '@docent/domain';
import { OwnerVectorCache } from './owner-vector-cache.ts';
import { checkLimit } from './page-cursor.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';
import { cosineDistances, nearest } from './vec0-cosine-scan.ts';

/** sqlite-vec answers at most this many neighbours per KNN query. */
const MAX_K = 4096;
/**
 * Vectors fetched per chunk asked for: a chunk has a few sentence vectors, and neighbouring ones
 * often belong to the same chunk, so `limit` chunks need several times as many vectors.
 */
const VECTORS_PER_CHUNK = 4;

interface Hit {
  chunkId: string;
  documentId: string;
  distance: number | null;
}

/** Options of {@link SqliteVectorIndex}. */
export interface SqliteVectorIndexOptions {
  dimensions: number;
  /**
   * Bytes of owners' vectors this connection may keep in memory for exact searches (default 0:
   * none; see `OwnerVectorCache`). Results are identical either way; the copy only saves reading
   * every vector out of SQLite on every search.
   */
  scanCacheBytes?: number;
}

/**
 * Exact cosine KNN with sqlite-vec. `vector_items` (vec0) is partitioned by owner, so a search scans
 * only the caller's vectors, and carries the document id as a metadata column, so a document filter
 * applies inside the KNN (k hits from those documents, not k hits filtered afterwards).
 * `vector_entries` maps chunk ids to vec0 rowids and indexes them by document for deletes.
 * With `scanCacheBytes`, an owner's vectors are kept in memory and scanned there with sqlite-vec's
 * own arithmetic (`vec0-cosine-scan.ts`): same distances, same hits, without SQLite reading every
 * vector again; the rare query whose k-th distance is tied goes to sqlite-vec as before.
 */
export class SqliteVectorIndex implements VectorIndex {
  readonly #uow: SqliteUnitOfWork;
  readonly #dimensions: number;
  readonly #findEntry: StatementSync;
  readonly #deleteEntry: StatementSync;
  readonly #insertEntry: StatementSync;
  readonly #deleteItem: StatementSync;
  readonly #insertItem: StatementSync;
  readonly #searchOwner: StatementSync;
  readonly #searchDocuments: StatementSync;
  readonly #entriesOfDocument: StatementSync;
  readonly #deleteEntries: StatementSync;
  readonly #cache: OwnerVectorCache | undefined;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, options: SqliteVectorIndexOptions) {
    this.#uow = uow;
    this.#dimensions = options.dimensions;
    const maxBytes = options.scanCacheBytes ?? 0;
    this.#cache = maxBytes > 0 ? new OwnerVectorCache(db, { dimensions: options.dimensions, maxBytes }) : undefined;
    this.#findEntry = db.prepare('SELECT entry_id FROM vector_entries WHERE entry_key = ?');
    this.#deleteEntry = db.prepare('DELETE FROM vector_entries WHERE entry_id = ?');
    this.#insertEntry = db.prepare(
      'INSERT INTO vector_entries (entry_key, chunk_id, owner_id, document_id) VALUES (?, ?, ?, ?) RETURNING entry_id',
    );
    this.#deleteItem = db.prepare('DELETE FROM vector_items WHERE rowid = ?');
    this.#insertItem = db.prepare(
      'INSERT INTO vector_items (rowid, owner_id, document_id, embedding) VALUES (?, ?, ?, ?)',
    );
    const knn = (filter: string) =>
      db.prepare(
        `WITH knn AS (
           SELECT rowid, distance FROM vector_items
           WHERE embedding MATCH :vector AND k = :k AND owner_id = :owner ${filter}
         )
         SELECT e.chunk_id AS chunkId, e.document_id AS documentId, knn.distance AS distance
         FROM knn JOIN vector_entries AS e ON e.entry_id = knn.rowid
         ORDER BY knn.distance, e.chunk_id`,
      );
    this.#searchOwner = knn('');
    this.#searchDocuments = knn('AND document_id IN (SELECT value FROM json_each(:documents))');
    this.#entriesOfDocument = db.prepare('SELECT entry_id FROM vector_entries WHERE owner_id = ? AND document_id = ?');
    this.#deleteEntries = db.prepare('DELETE FROM vector_entries WHERE owner_id = ? AND document_id = ?');
  }

  /** Stores the vectors in one transaction, replacing any earlier vector of the same entry id. */
  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    await this.write(entries);
  }

  /**
   * `upsert`, answering the row id each entry got. A replaced entry gets a new id (ids are never
   * reused), so an index that remembers the highest id it holds knows which rows it lacks.
   */
  async write(entries: readonly VectorEntry[]): Promise<number[]> {
    for (const entry of entries) this.#checkDimensions(entry.vector);
    return this.#uow.write(() =>
      entries.map((entry) => {
        const key = entry.entryId ?? entry.chunkId;
        const existing = this.#findEntry.get(key) as { entry_id: number } | undefined;
        if (existing !== undefined) {
          // vec0 only accepts BigInt rowids (node:sqlite binds numbers as REAL).
          this.#deleteItem.run(BigInt(existing.entry_id));
          this.#deleteEntry.run(existing.entry_id);
        }
        const { entry_id } = this.#insertEntry.get(key, entry.chunkId, entry.ownerId, entry.documentId) as {
          entry_id: number;
        };
        this.#insertItem.run(BigInt(entry_id), entry.ownerId, entry.documentId, asBytes(entry.vector));
        return entry_id;
      }),
    );
  }

  /** The owner's nearest chunks by cosine similarity of their nearest vector, nearest first. */
  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    this.#checkDimensions(query.vector);
    const limit = checkLimit(query.limit);
    const k = Math.min(limit * VECTORS_PER_CHUNK, MAX_K);
    if (query.documentIds?.length === 0) return [];
    const hits = (await this.#scanInMemory(query, k)) ?? (await this.#scan(query, k));
    // A chunk scores as its nearest vector (max-pooling).
    const best = new Map<string, ScoredChunk>();
    for (const hit of hits) {
      // A zero vector has no direction: sqlite-vec gives it a NULL distance, scored here as unrelated.
      const score = hit.distance === null ? 0 : Math.min(1, Math.max(-1, 1 - hit.distance));
      const previous = best.get(hit.chunkId);
      if (previous === undefined || score > previous.score) {
        best.set(hit.chunkId, { chunkId: hit.chunkId, documentId: hit.documentId, score });
      }
    }
    return [...best.values()].sort(byScoreThenChunkId).slice(0, limit);
  }

  /** sqlite-vec's k nearest vectors. */
  #scan(query: VectorQuery, k: number): Promise<Hit[]> {
    const params = { vector: asBytes(query.vector), k, owner: query.ownerId };
    return this.#uow.read(
      () =>
        (query.documentIds === undefined
          ? this.#searchOwner.all(params)
          : this.#searchDocuments.all({ ...params, documents: JSON.stringify(query.documentIds) })) as unknown as Hit[],
    );
  }

  /** The same k nearest from the owner's vectors in memory; undefined when not cached or not determined. */
  async #scanInMemory(query: VectorQuery, k: number): Promise<Hit[] | undefined> {
    const cache = this.#cache;
    if (cache === undefined) return undefined;
    const owner = await this.#uow.read(() => cache.get(query.ownerId));
    if (owner === undefined) return undefined;
    const scope = query.documentIds === undefined ? undefined : new Set(query.documentIds);
    const candidates =
      scope === undefined
        ? undefined
        : [...owner.documentIds.keys()].filter((i) => scope.has(owner.documentIds[i] as string));
    const distances = cosineDistances(owner.matrix, query.vector);
    return nearest(distances, k, candidates)?.map((i) => ({
      chunkId: owner.chunkIds[i] as string,
      documentId: owner.documentIds[i] as string,
      distance: distances[i] as number,
    }));
  }

  /** Drops the document's vectors and their entries together. */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    await this.remove(ownerId, documentId);
  }

  /** `deleteDocument`, answering the row ids it removed. */
  async remove(ownerId: string, documentId: string): Promise<number[]> {
    return this.#uow.write(() => {
      const rows = this.#entriesOfDocument.all(ownerId, documentId) as Array<{ entry_id: number }>;
      for (const row of rows) this.#deleteItem.run(BigInt(row.entry_id));
      this.#deleteEntries.run(ownerId, documentId);
      return rows.map((row) => row.entry_id);
    });
  }

  #checkDimensions(vector: Float32Array): void {
    if (vector.length !== this.#dimensions) {
      throw new DocentError(
        'validation_failed',
        `Expected a ${this.#dimensions}-d vector, got ${vector.length} dimensions`,
        { details: { expected: this.#dimensions, actual: vector.length } },
      );
    }
  }
}

/** The vector's own bytes, as sqlite-vec reads a float32 BLOB. */
export const asBytes = (vector: Float32Array): Uint8Array =>
  new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
