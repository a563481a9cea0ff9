import { Index, MetricKind, ScalarKind } from 'usearch';
import { HnswFile, readAhead } from './hnsw-file.ts';
import type { Candidate } from './max-pool.ts';
import type { OwnerGraph } from './owner-graph.ts';

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
  /**
   * Most vectors in one segment. A full segment is saved and memory-mapped read-only, so building
   * never holds more than one segment in memory and a graph of any size is served from the page cache.
   */
  segmentVectors: number;
  /**
   * Threads that insert into a segment built in this process and never removed from (a build or
   * catch-up from SQLite); a segment with removals, or read back from its file, takes one.
   */
  insertThreads: number;
}

/**
 * A concurrent `add` takes one vector while the segment holds fewer than CONCURRENT_FROM (one task:
 * inserted alone), then at most 1/CONCURRENT_SHARE of the segment's size. Nodes inserted at the same
 * time do not see each other: batches of up to 256, and even of an eighth, into graphs of 50-300
 * vectors left a node now and then unreachable (the segment test failed once in CI with eighths),
 * while a batch that is a small share of a larger graph loses nothing measurable (the recall
 * property). Every call into a fresh segment passes the same thread count, since usearch sizes its
 * per-thread buffers only when it grows (an `add` on more threads than the last growth allowed fails).
 */
const CONCURRENT_FROM = 2_000;
const CONCURRENT_SHARE = 8;

const SCALARS = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;

/** A usearch index holding the entry ids in (`from`, `to`]. */
interface Segment {
  from: number;
  to: number;
  index: Index;
  /** The saved file it is a read-only view of (memory-mapped), or null when it is held in memory. */
  mapped: string | null;
  /**
   * Whether ids may have been removed from it: it was read back from a file (which keeps removals)
   * or `remove` dropped some. Concurrent insertion then stays off, see `add`.
   */
  removals: boolean;
}

/**
 * One owner's HNSW graph (usearch) and its watermark: every entry id up to it that was live when
 * it was added is in the graph, and nothing above it is. The graph is a chain of segments of at
 * most `segmentVectors` vectors: the full ones are memory-mapped views of their saved files
 * (read-only: pages are read from the page cache as searches touch them), the last one takes the
 * new vectors. After a restart the last one is mapped too, and read into memory only when the
 * first new vector arrives. Persisted through `HnswFile`.
 */
export class OwnerHnsw implements OwnerGraph {
  readonly #file: HnswFile;
  readonly #shape: HnswShape;
  #sealed: Segment[] = [];
  #tail: Segment;
  #dirty = false;

  constructor(directory: string, ownerId: string, shape: HnswShape) {
    this.#shape = shape;
    this.#file = new HnswFile(directory, ownerId, `d${shape.dimensions}-${shape.quantization}-m${shape.connectivity}`);
    this.#tail = this.#fresh(0);
  }

  /** The highest entry id the graph accounts for. */
  get watermark(): number {
    return this.#tail.to;
  }

  /** Vectors in the graph (removed ones excluded). */
  get size(): number {
    return [...this.#sealed, this.#tail].reduce((sum, segment) => sum + segment.index.size(), 0);
  }

  /** Whether the graph changed since it was last saved or opened. */
  get dirty(): boolean {
    return this.#dirty;
  }

  /** Segments in the graph, and how many of them are memory-mapped. */
  get segments(): { count: number; mapped: number } {
    const all = [...this.#sealed, this.#tail].filter((segment) => segment.to > segment.from);
    return { count: all.length, mapped: all.filter((segment) => segment.mapped !== null).length };
  }

  /**
   * Maps the saved segments (CRC-checked when changed since their last check, without blocking the
   * event loop; mapping reads no vectors), unless none is usable or they claim ids above
   * `highestId` (the database is older than the files): then the graph starts empty, to be rebuilt
   * from SQLite. Answers whether saved segments were found.
   */
  async open(highestId: number): Promise<boolean> {
    const mapped: Segment[] = [];
    for (const saved of await this.#file.chain(highestId)) {
      const index = this.#empty();
      try {
        index.view(saved.file);
      } catch {
        // A file usearch cannot read although its CRC matches: the chain ends before it.
        break;
      }
      mapped.push({ from: saved.from, to: saved.to, index, mapped: saved.file, removals: true });
    }
    const last = mapped.at(-1);
    if (last === undefined) {
      this.#file.discard();
      this.#sealed = [];
      this.#tail = this.#fresh(0);
      this.#dirty = true;
      return false;
    }
    const full = last.index.size() >= this.#shape.segmentVectors;
    this.#sealed = full ? mapped : mapped.slice(0, -1);
    this.#tail = full ? this.#fresh(last.to) : last;
    this.#dirty = false;
    return true;
  }

  /**
   * Reads the mapped segments' files into the page cache in the background (after a restart on a
   * cold cache, a graph search otherwise waits on the disk for each page it touches), until
   * `stopped()`. Questions do not wait for it.
   */
  readAhead(stopped: () => boolean): Promise<void> {
    const files = [...this.#sealed, this.#tail].flatMap((segment) => (segment.mapped === null ? [] : [segment.mapped]));
    return readAhead(files, stopped);
  }

  /** Adds vectors with ids above the watermark, ascending, and raises the watermark to `upTo`. */
  add(ids: readonly number[], vectors: readonly Float32Array[], upTo: number): void {
    if (ids.length > 0) this.#writableTail();
    for (let start = 0; start < ids.length; ) {
      let room = this.#shape.segmentVectors - this.#tail.index.size();
      if (room <= 0) {
        this.#seal();
        room = this.#shape.segmentVectors;
      }
      // A segment with removals, or read back from its file, takes one thread, as before this was
      // concurrent: the failures seen with concurrent insertion had come after removals and restarts.
      const concurrent = !this.#tail.removals && this.#shape.insertThreads > 1;
      const size = this.#tail.index.size();
      const share = !concurrent ? room : size < CONCURRENT_FROM ? 1 : Math.floor(size / CONCURRENT_SHARE);
      const part = ids.slice(start, start + Math.min(room, share));
      const matrix = new Float32Array(part.length * this.#shape.dimensions);
      part.forEach((_, i) => {
        matrix.set(vectors[start + i] as Float32Array, i * this.#shape.dimensions);
      });
      this.#tail.index.add(BigUint64Array.from(part, BigInt), matrix, concurrent ? this.#shape.insertThreads : 1);
      // A segment accounts for the ids up to its last one, so the next one starts there.
      this.#tail.to = Math.max(this.#tail.to, part.at(-1) as number);
      start += part.length;
    }
    this.#tail.to = Math.max(this.#tail.to, upTo);
    this.#dirty = true;
  }

  /**
   * Drops these ids from the segment in memory. Mapped segments are read-only: their deleted ids
   * stay in the graph, and searches drop them against the live rows as they drop any stale hit.
   */
  remove(ids: readonly number[]): void {
    const tail = this.#tail;
    const held = ids.filter((id) => id > tail.from && id <= tail.to);
    if (held.length === 0 || tail.mapped !== null) return;
    tail.index.remove(BigUint64Array.from(held, BigInt));
    tail.removals = true;
    this.#dirty = true;
  }

  /**
   * The `k` nearest vectors by cosine over every segment, nearest first. The shape's expansion is
   * the whole graph's: each segment is searched with its share of it by vectors held (never less
   * than `k`). A segment holding a quarter of the vectors holds about a quarter of the nearest ones,
   * so a quarter of the candidate list finds them about as surely as the whole list finds them in one
   * graph, while the CPU of a search grows with its list (ADR 0034).
   */
  search(vector: Float32Array, k: number): Candidate[] {
    const segments = [...this.#sealed, this.#tail];
    const total = segments.reduce((sum, segment) => sum + segment.index.size(), 0);
    const hits: Candidate[] = [];
    for (const { index } of segments) {
      const size = index.size();
      const wanted = Math.min(k, size);
      if (wanted === 0) continue;
      // usearch searches with max(its expansion, the count asked for), so asking for the share is the share.
      const expansion = Math.max(wanted, Math.ceil((this.#shape.expansionSearch * size) / total));
      const { keys, distances } = index.search(vector, Math.min(size, expansion), 1);
      for (let i = 0; i < wanted && i < keys.length; i++) {
        const distance = distances[i] ?? Number.NaN;
        // A zero vector has no direction (NaN distance): scored as unrelated, as the exact path does.
        const score = Number.isFinite(distance) ? Math.min(1, Math.max(-1, 1 - distance)) : 0;
        hits.push({ id: Number(keys[i]), score });
      }
    }
    return this.#sealed.length === 0 ? hits : hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** Publishes the segment in memory with its watermark (atomically), when it changed. */
  save(): void {
    if (!this.#dirty) return;
    const tail = this.#tail;
    if (tail.mapped === null) this.#file.publish(tail.from, tail.to, (file) => tail.index.save(file));
    this.#dirty = false;
  }

  /** Nothing to release: usearch unmaps a segment's file when its index is collected. */
  close(): void {}

  /** The last segment, read into memory first if it is a mapped view (once after a restart). */
  #writableTail(): Segment {
    const tail = this.#tail;
    if (tail.mapped !== null) {
      // `load` replaces the view in the same index: the mapping is released, the copy is in memory.
      tail.index.load(tail.mapped);
      tail.mapped = null;
    }
    return tail;
  }

  /** Saves the full last segment, maps it read-only (freeing its memory) and starts a new one. */
  #seal(): void {
    const tail = this.#tail;
    const file = this.#file.publish(tail.from, tail.to, (path) => tail.index.save(path));
    // `view` resets the index: its memory goes back, and it reads from the file from now on.
    tail.index.view(file);
    tail.mapped = file;
    this.#sealed.push(tail);
    this.#tail = this.#fresh(tail.to);
  }

  /** An empty segment in memory whose ids start above `from`. */
  #fresh(from: number): Segment {
    return { from, to: from, index: this.#empty(), mapped: null, removals: false };
  }

  #empty(): Index {
    return new Index({
      dimensions: this.#shape.dimensions,
      metric: MetricKind.Cos,
      quantization: SCALARS[this.#shape.quantization],
      connectivity: this.#shape.connectivity,
      expansion_add: this.#shape.expansionAdd,
      // The floor of every search's candidate list; `search` passes each segment's own as its count.
      expansion_search: 1,
      multi: false,
    });
  }
}
