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
 * BM25 and dense candidates of a question, and its terms' statistics. The three searches are
 * independent, so they overlap as far as the adapters let them, but in this order: the question's
 * vector first, then the dense search is asked for, and only then do BM25 and the term counts
 * start. An adapter may do its work synchronously on the caller's thread (SQLite does), and such
 * work holds up everything the thread would send meanwhile: started first, BM25 kept an ask
 * worker busy before the embedding was even requested, and the dense search of a large owner,
 * which the server's thread runs (ADR 0014), waited for BM25 to end. In this order the dense
 * search of another thread or service runs while BM25 does. Results do not depend on the order.
 * `dense: false` (the dense ranker switched off) embeds nothing.
 */
export const searchCandidates = async (
  ports: CandidatePorts,
  question: { text: string; terms: readonly string[] },
  scope: CandidateScope,
  options: { dense: boolean; signal?: AbortSignal },
): Promise<Candidates> => {
  const { lexical, vectors, embedder } = ports;
  const { signal } = options;
  const embedding = options.dense
    ? embedder.embed([question.text], { purpose: 'query', ...(signal === undefined ? {} : { signal }) })
    : Promise.resolve([]);
  const dense = embedding.then(([vector]) => (vector === undefined ? [] : vectors.search({ vector, ...scope })));
  // Registered after the dense search's continuation, so it starts once that search has been asked for.
  const lexicalSide = embedding.then(
    (): Promise<[ScoredChunk[], TermStatistics]> =>
      Promise.all([
        lexical.search({ text: question.text, ...scope }),
        lexical.termStatistics(scope.ownerId, question.terms),
      ]),
  );
  const [[lexicalHits, statistics], denseHits] = await Promise.all([lexicalSide, dense]);
  return { lexical: lexicalHits, dense: denseHits, statistics };
};
