import { type Embedder, type ScoredChunk, TOKENS } from '@docent/domain';
import type { EvalSession } from './eval-session.ts';
import type { Pipeline } from './pipeline.ts';
import { EVAL_DEPTH, type RetrievedPassage } from './span-ranks.ts';

// Hits fetched from the vector index before keeping distinct chunks: an index that stores several
// vectors per chunk (sentences, windows) may list one chunk many times.
const VECTOR_CANDIDATES = 100;

/** The session's chunks for hits, distinct, in hit order, as passages (the top `EVAL_DEPTH`). */
const toPassages = async (session: EvalSession, hits: readonly ScoredChunk[]): Promise<RetrievedPassage[]> => {
  const ids = [...new Set(hits.map((h) => h.chunkId))];
  const chunks = await session.resolver.get(TOKENS.ChunkRepository).getMany(session.principal.userId, ids);
  return chunks.slice(0, EVAL_DEPTH).map((c) => ({ documentName: session.nameOf(c.documentId), text: c.text }));
};

/** BM25 only: the session's LexicalIndex over Docent's own chunks, the question as the query. */
export const bm25Pipeline = (session: EvalSession): Pipeline => {
  const lexical = session.resolver.get(TOKENS.LexicalIndex);
  return {
    key: 'bm25',
    label: 'BM25 only',
    async ask(question) {
      const ownerId = session.principal.userId;
      return {
        passages: await toPassages(
          session,
          await lexical.search({ text: question.question, ownerId, limit: EVAL_DEPTH }),
        ),
      };
    },
  };
};

/** Vectors only: the question embedded as a query, the session's VectorIndex over Docent's chunks. */
export const vectorPipeline = (session: EvalSession, embedder: Embedder): Pipeline => {
  const vectors = session.resolver.get(TOKENS.VectorIndex);
  return {
    key: 'vectors',
    label: 'Vectors only',
    async ask(question) {
      const [vector] = await embedder.embed([question.question], { purpose: 'query' });
      if (vector === undefined) throw new Error('The embedder returned no vector.');
      const hits = await vectors.search({ vector, ownerId: session.principal.userId, limit: VECTOR_CANDIDATES });
      return { passages: await toPassages(session, hits) };
    },
  };
};
