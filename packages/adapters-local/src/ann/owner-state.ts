import type { OwnerGraph } from './owner-graph.ts';

/** An owner under the approximate index's threshold: searched exactly, its vectors counted. */
export interface Small {
  kind: 'exact';
  count: number;
}

/** An owner with a graph, and the state of keeping it caught up with SQLite. */
export interface Large {
  kind: 'approximate';
  ownerId: string;
  graph: OwnerGraph;
  /** Settles once the saved graph is mapped (or found unusable); nothing touches `graph` before. */
  opened: Promise<void>;
  /**
   * Settles once the graph's start-up work is done: its mapped files read into the page cache, then
   * a few searches to map their pages into the process (or the index closed).
   */
  startUp: Promise<void>;
  ready: boolean;
  /** Entry ids deleted since the last catch-up turn; removed from the graph once they are gone for good. */
  removed: Set<number>;
  /**
   * Vectors written above the watermark, by entry id. Only a hint: the loop adds the committed rows
   * it reads from SQLite, taking their vector from here when present (the latest write of an id wins,
   * so an id given out again after a rollback carries its committed vector).
   */
  queued: Map<number, Float32Array>;
  /** A catch-up turn is wanted (set by writes, cleared by the loop). */
  wanted: boolean;
  draining: boolean;
  savedAt: number;
  saveTimer?: NodeJS.Timeout;
}
