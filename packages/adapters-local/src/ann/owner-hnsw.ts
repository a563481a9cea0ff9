import { Index, MetricKind, ScalarKind } from 'usearch';
import { HnswFile } from './hnsw-file.ts';

/** How the HNSW graph is built and searched. */
export interface HnswShape {
  dimensions: number;
  /** Scalar type stored in the graph: f16 halves memory with distances within ~1e-3 of f32. */
  quantization: 'f32' | 'f16' | 'i8';
  /** Neighbours per node (HNSW M). */
  connectivity: number;
  /** Candidate list while inserting (efConstruction). */
  expansionAdd: number;
  /** Candidate list while searching (ef); a search for k > ef widens it to k. */
  expansionSearch: number;
}

const SCALARS = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;

/** One approximate neighbour: an entry id and its cosine similarity to the query. */
export interface HnswHit {
  id: number;
  score: number;
}

/**
 * One owner's HNSW index (usearch) and its watermark: every entry id up to it that was live when
 * it was added is in the graph, and nothing above it is. Persisted through `HnswFile`.
 */
export class OwnerHnsw {
  readonly #file: HnswFile;
  readonly #shape: HnswShape;
  #index: Index;
  #watermark = 0;
  #dirty = false;

  constructor(directory: string, ownerId: string, shape: HnswShape) {
    this.#shape = shape;
    this.#file = new HnswFile(directory, ownerId, `d${shape.dimensions}-${shape.quantization}-m${shape.connectivity}`);
    this.#index = this.#empty();
  }

  /** The highest entry id the graph accounts for. */
  get watermark(): number {
    return this.#watermark;
  }

  /** Vectors in the graph (removed ones excluded). */
  get size(): number {
    return this.#index.size();
  }

  /** Whether the graph changed since it was last saved or loaded. */
  get dirty(): boolean {
    return this.#dirty;
  }

  /**
   * Loads the saved graph, unless it is missing, unreadable, or claims ids above `highestId` (the
   * database is older than the file, e.g. restored from a backup): then it starts empty, to be
   * rebuilt from SQLite. Answers whether a saved graph was loaded.
   */
  load(highestId: number): boolean {
    const saved = this.#file.latest();
    if (saved !== null && saved.watermark <= highestId) {
      try {
        const index = this.#empty();
        index.load(saved.file);
        this.#index = index;
        this.#watermark = saved.watermark;
        this.#dirty = false;
        return true;
      } catch {
        // A truncated or foreign file: fall through and rebuild.
      }
    }
    this.#file.discard();
    this.#index = this.#empty();
    this.#watermark = 0;
    this.#dirty = true;
    return false;
  }

  /** Adds vectors with ids above the watermark, ascending, and raises the watermark to `upTo`. */
  add(ids: readonly number[], vectors: readonly Float32Array[], upTo: number): void {
    if (ids.length > 0) {
      const matrix = new Float32Array(ids.length * this.#shape.dimensions);
      vectors.forEach((vector, i) => {
        matrix.set(vector, i * this.#shape.dimensions);
      });
      this.#index.add(BigUint64Array.from(ids, BigInt), matrix, 0);
    }
    this.#watermark = Math.max(this.#watermark, upTo);
    this.#dirty = true;
  }

  /** Drops these ids from the graph (ids it does not hold are ignored). */
  remove(ids: readonly number[]): void {
    const held = ids.filter((id) => id <= this.#watermark);
    if (held.length === 0) return;
    this.#index.remove(BigUint64Array.from(held, BigInt));
    this.#dirty = true;
  }

  /** The `k` nearest vectors by cosine, nearest first. */
  search(vector: Float32Array, k: number): HnswHit[] {
    const count = Math.min(k, this.#index.size());
    if (count === 0) return [];
    const { keys, distances } = this.#index.search(vector, count, 1);
    const hits: HnswHit[] = [];
    for (let i = 0; i < keys.length; i++) {
      const distance = distances[i] ?? Number.NaN;
      // A zero vector has no direction (NaN distance): scored as unrelated, as the exact path does.
      const score = Number.isFinite(distance) ? Math.min(1, Math.max(-1, 1 - distance)) : 0;
      hits.push({ id: Number(keys[i]), score });
    }
    return hits;
  }

  /** Publishes the graph with its watermark (atomically), when it changed. */
  save(): void {
    if (!this.#dirty) return;
    this.#file.publish(this.#watermark, (file) => this.#index.save(file));
    this.#dirty = false;
  }

  #empty(): Index {
    return new Index({
      dimensions: this.#shape.dimensions,
      metric: MetricKind.Cos,
      quantization: SCALARS[this.#shape.quantization],
      connectivity: this.#shape.connectivity,
      expansion_add: this.#shape.expansionAdd,
      expansion_search: this.#shape.expansionSearch,
      multi: false,
    });
  }
}
