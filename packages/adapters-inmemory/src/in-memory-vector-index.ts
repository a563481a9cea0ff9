import {
  byScoreThenChunkId,
  DocentError,
  type ScoredChunk,
  type VectorEntry,
  type VectorIndex,
  type VectorQuery,
} from '@docent/domain';

/** Options of InMemoryVectorIndex. */
export interface InMemoryVectorIndexOptions {
  /** Length of every stored and queried vector. */
  dimensions: number;
}

interface StoredVector {
  chunkId: string;
  documentId: string;
  /** Unit length, so a dot product is the cosine. */
  unit: Float32Array;
}

/**
 * Exact nearest-neighbour search by brute-force cosine similarity, one partition per owner; a chunk
 * with several vectors scores as its nearest one.
 */
export class InMemoryVectorIndex implements VectorIndex {
  readonly dimensions: number;
  /** Per owner, the vectors by entry id. */
  private readonly owners = new Map<string, Map<string, StoredVector>>();
  /** Which owner holds each entry, so upserting an entry id replaces it wherever it was. */
  private readonly ownerOfEntry = new Map<string, string>();

  constructor(options: InMemoryVectorIndexOptions) {
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
      throw new DocentError(
        'validation_failed',
        `Vector dimensions must be a positive integer, not ${options.dimensions}.`,
      );
    }
    this.dimensions = options.dimensions;
  }

  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    // Check the whole batch first so a bad vector leaves the index untouched.
    const units = entries.map((entry) => this.toUnit(entry.vector, `chunk ${entry.chunkId}`));
    entries.forEach((entry, i) => {
      const entryId = entry.entryId ?? entry.chunkId;
      const previousOwner = this.ownerOfEntry.get(entryId);
      if (previousOwner !== undefined && previousOwner !== entry.ownerId) {
        this.owners.get(previousOwner)?.delete(entryId);
      }
      let vectors = this.owners.get(entry.ownerId);
      if (vectors === undefined) {
        vectors = new Map();
        this.owners.set(entry.ownerId, vectors);
      }
      const unit = units[i] ?? new Float32Array();
      vectors.set(entryId, { chunkId: entry.chunkId, documentId: entry.documentId, unit });
      this.ownerOfEntry.set(entryId, entry.ownerId);
    });
  }

  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    if (!Number.isInteger(query.limit) || query.limit < 1) {
      throw new DocentError('validation_failed', 'The search limit must be a positive integer.');
    }
    const unit = this.toUnit(query.vector, 'the query');
    const vectors = this.owners.get(query.ownerId);
    if (vectors === undefined) return [];
    const documentIds = query.documentIds === undefined ? undefined : new Set(query.documentIds);
    const best = new Map<string, ScoredChunk>();
    for (const stored of vectors.values()) {
      if (documentIds !== undefined && !documentIds.has(stored.documentId)) continue;
      let dot = 0;
      for (let d = 0; d < unit.length; d++) dot += (unit[d] ?? 0) * (stored.unit[d] ?? 0);
      // Rounding can push a dot product of unit vectors a hair outside the promised [-1, 1].
      const score = Math.max(-1, Math.min(1, dot));
      const previous = best.get(stored.chunkId);
      if (previous === undefined || score > previous.score) {
        best.set(stored.chunkId, { chunkId: stored.chunkId, documentId: stored.documentId, score });
      }
    }
    return [...best.values()].sort(byScoreThenChunkId).slice(0, query.limit);
  }

  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    const vectors = this.owners.get(ownerId);
    if (vectors === undefined) return;
    for (const [entryId, stored] of vectors) {
      if (stored.documentId !== documentId) continue;
      vectors.delete(entryId);
      this.ownerOfEntry.delete(entryId);
    }
    if (vectors.size === 0) this.owners.delete(ownerId);
  }

  private toUnit(vector: Float32Array, what: string): Float32Array {
    if (vector.length !== this.dimensions) {
      throw new DocentError(
        'validation_failed',
        `The vector of ${what} has ${vector.length} dimensions, not ${this.dimensions}.`,
      );
    }
    let sum = 0;
    for (const value of vector) sum += value * value;
    const norm = Math.sqrt(sum);
    if (!Number.isFinite(norm) || norm === 0) {
      throw new DocentError('validation_failed', `The vector of ${what} has no direction (zero or not finite).`);
    }
    return Float32Array.from(vector, (value) => value / norm);
  }
}
