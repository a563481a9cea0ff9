import type { ScoredChunk } from '../ports/scored-chunk.ts';

/**
 * Orders search hits by score, best first; ties by chunk id (code-unit order, which is SQLite's
 * BINARY order for the ASCII ids Docent makes), so a ranking never depends on input order.
 */
export const byScoreThenChunkId = (a: ScoredChunk, b: ScoredChunk): number =>
  b.score - a.score || (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0);
