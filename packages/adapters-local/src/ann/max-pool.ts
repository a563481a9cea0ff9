import { byScoreThenChunkId, type ScoredChunk } from '@docent/domain';
import type { VectorRow } from '../sqlite/sqlite-vector-rows.ts';

/** A scored entry id, from the graph or scored exactly. */
export interface Candidate {
  id: number;
  score: number;
}

/**
 * The chunks of `rows` (the live, in-scope candidates), each scored as its best candidate vector
 * (max-pooling), best first; ties go to the smaller chunk id, as in the exact scan.
 */
export const maxPool = (candidates: readonly Candidate[], rows: readonly VectorRow[]): ScoredChunk[] => {
  const rowOf = new Map(rows.map((row) => [row.entryId, row]));
  const best = new Map<string, ScoredChunk>();
  for (const { id, score } of candidates) {
    const row = rowOf.get(id);
    if (row === undefined) continue;
    const previous = best.get(row.chunkId);
    if (previous === undefined || score > previous.score) {
      best.set(row.chunkId, { chunkId: row.chunkId, documentId: row.documentId, score });
    }
  }
  return [...best.values()].sort(byScoreThenChunkId);
};
