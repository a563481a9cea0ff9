import type { Candidate } from './max-pool.ts';

/**
 * One owner's approximate vector index, kept outside SQLite (the source of truth) and caught up
 * with it: every entry id up to `watermark` that was live when added is in it, nothing above is.
 * `OwnerHnsw` (a graph) and `OwnerCodes` (binary codes scanned, then rescored) implement it.
 */
export interface OwnerGraph {
  /** The highest entry id the index accounts for. */
  readonly watermark: number;
  /** Vectors in the index (removed ones excluded). */
  readonly size: number;
  /** Whether the index changed since it was last saved or opened. */
  readonly dirty: boolean;
  /** Parts of the index, and how many are memory-mapped (the warm-up faults those in). */
  readonly segments: { count: number; mapped: number };
  /**
   * Opens what was saved, unless it is unusable or claims ids above `highestId` (the database is
   * older): then the index starts empty, to be rebuilt from SQLite. Answers whether it was usable.
   */
  open(highestId: number): Promise<boolean>;
  /** Reads the saved files into the page cache in the background, until `stopped()`. */
  readAhead(stopped: () => boolean): Promise<void>;
  /** Adds vectors with ids above the watermark, ascending, and raises the watermark to `upTo`. */
  add(ids: readonly number[], vectors: readonly Float32Array[], upTo: number): void;
  /** Drops these ids where the index can; searches drop any other stale hit against the live rows. */
  remove(ids: readonly number[]): void;
  /** The `k` nearest vectors by cosine, nearest first. */
  search(vector: Float32Array, k: number): Candidate[];
  /** Saves what changed since the last save, atomically. */
  save(): void;
  /** Releases the files it holds open; nothing is used after. */
  close(): void;
}
