import type { Embedder } from '../ports/embedder.ts';
import type { LexicalIndex, TermStatistics } from '../ports/lexical-index.ts';
import type { ScoredChunk } from '../ports/scored-chunk.ts';
import type { VectorIndex } from '../ports/vector-index.ts';

/** Where one part of a question is searched: the owner, the candidates wanted, the document scope. */
export interface CandidateScope {
  ownerId: string;
  limit: number;
  documentIds?: readonly string[];
}

/** What fusion starts from: both rankers' hits and the question terms' chunk counts. */
export interface Candidates {
  lexical: ScoredChunk[];
  dense: ScoredChunk[];
  statistics: TermStatistics;
}

/** The ports the candidate search reads. */
export interface CandidatePorts {
  lexical: LexicalIndex;
  vectors: VectorIndex;
  embedder: Embedder;
}

/**
 * BM25 and dense candidates of a question, and its terms' statistics. The searches are
 * independent and overlap as far as the adapters let them; results do not depend on the order.
 * An adapter may work synchronously on the caller's thread (SQLite does), holding up everything
 * the thread would send meanwhile, so the order matters: the question's embedding is requested
 * first (before, a synchronous BM25 ran before the request even left), then BM25 and the term
 * counts start while it is computed, and the dense search follows the vector.
 * `lexicalAfterEmbedding` starts BM25 only once the vector is known and the dense search asked
 * for: right where that search runs on another thread and BM25 on this one (an ask worker and
 * the server's approximate index, ADR 0014), since the dense search then runs while BM25 does
 * instead of after it; it gives up BM25's overlap with the embedding, which is worth less there.
 * `dense: false` (the dense ranker switched off) embeds nothing.
 */
export const searchCandidates = async (
  ports: CandidatePorts,
  question: { text: string; terms: readonly string[] },
  scope: CandidateScope,
  options: { dense: boolean; lexicalAfterEmbedding?: boolean; signal?: AbortSignal },
): Promise<Candidates> => {
  const { lexical, vectors, embedder } = ports;
  const { signal } = options;
  const embedding = options.dense
    ? embedder.embed([question.text], { purpose: 'query', ...(signal === undefined ? {} : { signal }) })
    : Promise.resolve([]);
  const dense = embedding.then(([vector]) => (vector === undefined ? [] : vectors.search({ vector, ...scope })));
  const lexicalSide = (): Promise<[ScoredChunk[], TermStatistics]> =>
    Promise.all([
      lexical.search({ text: question.text, ...scope }),
      lexical.termStatistics(scope.ownerId, question.terms),
    ]);
  // Registered after the dense search's continuation, so that one is asked for first.
  const lexicalPart = options.lexicalAfterEmbedding ? embedding.then(lexicalSide) : lexicalSide();
  const [[lexicalHits, statistics], denseHits] = await Promise.all([lexicalPart, dense]);
  return { lexical: lexicalHits, dense: denseHits, statistics };
};
