import {
  byScoreThenChunkId,
  type CollectionStatistics,
  inverseDocumentFrequency,
  type ScoredChunk,
  termScore,
} from '@docent/domain';
import type { Posting } from './postings.ts';

/**
 * The best `limit` chunks over the posting lists read, by BM25 summed over their terms (highest
 * first, ties by chunk id as the SQLite index orders them). A term's document frequency is its
 * list's length, exact for whatever the lists hold; the document filter applies after the counting,
 * as in FTS5, so scoping a search changes which chunks come back, not their scores.
 */
export const rankPostings = (
  lists: Iterable<readonly Posting[]>,
  statistics: CollectionStatistics,
  limit: number,
  documentIds?: ReadonlySet<string>,
): ScoredChunk[] => {
  const scored = new Map<string, ScoredChunk>();
  for (const postings of lists) {
    const idf = inverseDocumentFrequency(statistics.chunkCount, postings.length);
    for (const posting of postings) {
      if (documentIds !== undefined && !documentIds.has(posting.documentId)) continue;
      const hit = scored.get(posting.chunkId) ?? { chunkId: posting.chunkId, documentId: posting.documentId, score: 0 };
      hit.score += termScore(idf, posting.counts, posting.length, statistics);
      scored.set(posting.chunkId, hit);
    }
  }
  return [...scored.values()].sort(byScoreThenChunkId).slice(0, limit);
};
