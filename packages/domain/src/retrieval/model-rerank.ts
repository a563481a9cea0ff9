import type { Reranker } from '../ports/reranker.ts';
import { blendRerankScores } from './blend-rerank-scores.ts';
import { byScoreThenId, type RankedChunk } from './ranked-chunk.ts';

/** Settings of {@link modelRerank}. */
export interface ModelRerankOptions {
  /** Candidates (from the top) the model rescores. */
  rerankDepth: number;
  /** Weight of the model's score, scaled to 0..1 over the head (0 turns it off). */
  rerankerWeight: number;
}

/**
 * The head of the focus-reranked candidates rescored by a reranker: its score (scaled to 0..1
 * over the head, times `rerankerWeight`) is added to the first-stage score, so the model decides
 * among close candidates without discarding lexical evidence.
 */
export const modelRerank = async (
  reranker: Reranker,
  question: string,
  ranked: readonly RankedChunk[],
  options: ModelRerankOptions,
  signal?: AbortSignal,
): Promise<RankedChunk[]> => {
  const { rerankDepth, rerankerWeight } = options;
  const head = ranked.slice(0, rerankDepth);
  if (head.length < 2 || rerankerWeight <= 0) return [...ranked];
  // The heading frames the chunk for the model, as it does for passage focus.
  const texts = head.map(({ chunk }) => (chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text));
  const modelScores = await reranker.rerank(question, texts, signal === undefined ? {} : { signal });
  const blended = blendRerankScores(
    head.map((item) => item.score),
    modelScores,
    rerankerWeight,
  ).map((score, i) => ({ ...(head[i] as RankedChunk), score }));
  blended.sort(byScoreThenId);
  const floor = Math.min(...blended.map((item) => item.score));
  return [...blended, ...ranked.slice(rerankDepth).map((item) => ({ ...item, score: Math.min(item.score, floor) }))];
};
