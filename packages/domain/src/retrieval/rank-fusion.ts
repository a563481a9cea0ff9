import type { ScoredChunk } from '../ports/scored-chunk.ts';
import { byScoreThenChunkId } from './scored-chunk-order.ts';

/** One ranker's results, best first, and how much that ranker counts. */
export interface WeightedRanking {
  hits: readonly ScoredChunk[];
  weight: number;
}

/** Fusion settings. */
export interface FusionOptions {
  /** The reciprocal-rank constant: larger flattens the difference between top ranks (default 3). */
  k?: number;
}

/**
 * Default fusion of BM25 and dense (sentence-window) retrieval. BM25 leads; the dense ranker's
 * weight is `denseWeight` scaled by how little of the question the best BM25 hit covers (see
 * `adaptiveDenseWeight`): when BM25 found the question's rare terms the dense list only breaks
 * ties, and when it found few of them (paraphrases) dense counts up to twice as much as BM25.
 * Measured on qa-dev with Universal Sentence Encoder Lite over 300-character sentence windows
 * (strict, lookup+paraphrase, R@5): fixed weight 0.2 at k 3 (before) 69.6; adaptive at k 10 with a
 * maximum of 1: 80.4, 1.5: 82.6, 2: 87.0, 3: 87.0 (R@1 falling from 2 on). See docs/retrieval.md.
 */
export const DEFAULT_FUSION = { lexicalWeight: 1, denseWeight: 2, k: 10 } as const;

/**
 * The dense ranker's weight for one question: `maxWeight * (1 - confidence)^2`, where confidence
 * (0..1) is the weighted share of the question's terms that the best lexical hit holds. The square
 * keeps dense weak until BM25's evidence is clearly thin.
 */
export const adaptiveDenseWeight = (confidence: number, maxWeight: number): number => {
  const doubt = 1 - Math.min(1, Math.max(0, confidence));
  return maxWeight * doubt * doubt;
};

/**
 * Weighted reciprocal rank fusion: a chunk scores the sum over rankings of `weight / (k + rank)`
 * (rank from 1; a chunk listed twice in one ranking counts at its best rank). The result is
 * sorted by fused score, ties by chunk id, and does not depend on the order of the rankings.
 */
export const fuseRankings = (rankings: readonly WeightedRanking[], options: FusionOptions = {}): ScoredChunk[] => {
  const k = options.k ?? DEFAULT_FUSION.k;
  const parts = new Map<string, { documentId: string; terms: number[] }>();
  for (const { hits, weight } of rankings) {
    const seen = new Set<string>();
    hits.forEach((hit, index) => {
      if (seen.has(hit.chunkId)) return;
      seen.add(hit.chunkId);
      const entry = parts.get(hit.chunkId) ?? { documentId: hit.documentId, terms: [] };
      entry.terms.push(weight / (k + index + 1));
      parts.set(hit.chunkId, entry);
    });
  }
  const fused: ScoredChunk[] = [];
  for (const [chunkId, { documentId, terms }] of parts) {
    // Floating-point addition is not associative: summing in sorted order keeps the score
    // identical whatever order the rankings came in.
    const score = terms.sort((a, b) => a - b).reduce((sum, term) => sum + term, 0);
    fused.push({ chunkId, documentId, score });
  }
  return fused.sort(byScoreThenChunkId);
};
