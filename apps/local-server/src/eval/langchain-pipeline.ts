import { cosineSimilarity, type Embedder, ORDER_SPAN } from '@docent/domain';
import type { IngestedDocument } from './eval-session.ts';
import type { Pipeline } from './pipeline.ts';
import { splitRecursively } from './recursive-character-splitter.ts';
import { EVAL_DEPTH } from './span-ranks.ts';

// Passages per embedder call, as the local server's embedding job sends them (a span; ADR 0042).
const EMBED_BATCH = ORDER_SPAN;

interface IndexedPassage {
  documentName: string;
  text: string;
  vector: Float32Array;
}

/**
 * The common LangChain.js recipe on the same documents: RecursiveCharacterTextSplitter (1000
 * characters, 200 overlap, default separators) over each document's normalised text, every chunk
 * embedded with the session's embedder, brute-force cosine top 10 per question.
 */
export const buildLangChainPipeline = async (
  documents: readonly IngestedDocument[],
  embedder: Embedder,
  onProgress?: (message: string) => void,
): Promise<Pipeline> => {
  const chunks = documents.flatMap((d) =>
    splitRecursively(d.text).map((c) => ({ documentName: d.name, text: c.text })),
  );
  const index: IndexedPassage[] = [];
  for (let from = 0; from < chunks.length; from += EMBED_BATCH) {
    const batch = chunks.slice(from, from + EMBED_BATCH);
    const vectors = await embedder.embed(
      batch.map((c) => c.text),
      { purpose: 'passage' },
    );
    for (const [i, chunk] of batch.entries()) {
      const vector = vectors[i];
      if (vector === undefined) throw new Error('The embedder returned too few vectors.');
      index.push({ ...chunk, vector });
    }
    onProgress?.(`LangChain-style baseline: embedded ${index.length}/${chunks.length} chunks`);
  }
  return {
    key: 'langchain',
    label: 'LangChain-style',
    index: {
      chunks: index.length,
      meanChunkChars: index.length === 0 ? 0 : index.reduce((sum, c) => sum + c.text.length, 0) / index.length,
    },
    async ask(question) {
      const [query] = await embedder.embed([question.question], { purpose: 'query' });
      if (query === undefined) throw new Error('The embedder returned no vector.');
      const ranked = index
        .map((passage, order) => ({ passage, order, score: cosineSimilarity(query, passage.vector) }))
        .sort((a, b) => b.score - a.score || a.order - b.order);
      return {
        passages: ranked
          .slice(0, EVAL_DEPTH)
          .map(({ passage }) => ({ documentName: passage.documentName, text: passage.text })),
      };
    },
  };
};
