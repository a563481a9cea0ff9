import type { Chunk } from '../entities/chunk.ts';
import type { DocumentRecord } from '../entities/document.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { Reranker } from '../ports/reranker.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import { splitQuestion } from '../query/split-question.ts';
import { targetDocuments } from '../query/target-documents.ts';
import { searchCandidates } from './candidate-search.ts';
import { DocumentCatalog } from './document-catalog.ts';
import { FOCUS_SENTENCE_CHARS, focusRerank } from './focus-rerank.ts';
import { interleaveRankings } from './interleave-rankings.ts';
import { modelRerank } from './model-rerank.ts';
import { type PassageReader, rememberingPassageReader } from './passage-focus.ts';
import { adaptiveDenseWeight, DEFAULT_FUSION, fuseRankings } from './rank-fusion.ts';
import type { RankedChunk } from './ranked-chunk.ts';
import { questionTerms, termWeights, weightedCoverage } from './term-rarity.ts';

/** What retrieval reads. */
export interface HybridRetrieverDeps {
  documents: DocumentRepository;
  chunks: ChunkRepository;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  embedder: Embedder;
  /** Optional second-stage model (a cross-encoder) that rescores the top `rerankDepth` candidates. */
  reranker?: Reranker;
}

/** Retrieval knobs. */
export interface HybridRetrieverOptions {
  /** Hits taken from each of the lexical and the vector search before fusion (default 100). */
  candidateDepth?: number;
  /** Fusion weight of the BM25 ranking (default 1; see `DEFAULT_FUSION`). */
  lexicalWeight?: number;
  /** Largest fusion weight of the dense ranking, given when BM25 found nothing (default 2). */
  denseWeight?: number;
  /** Reciprocal-rank constant of the fusion (default 10). */
  rrfK?: number;
  /** Fused candidates the second stage rescores (default 30). */
  rerankDepth?: number;
  /** Weight of passage focus against the fused score scaled to 0..1 (default 1; 0 turns reranking off). */
  focusWeight?: number;
  /** Weight of the reranker's score, scaled to 0..1 over the head, against the rest (default 2). */
  rerankerWeight?: number;
  /**
   * Chunk texts whose sentence analysis is remembered between questions (default 2,048; 0 keeps
   * none). Only saves work: the focus rerank and the lexical confidence read the same either way.
   */
  passageMemoEntries?: number;
  /**
   * Start BM25 only once the question's vector is known and the dense search asked for (default
   * false: BM25 starts while the question is embedded). For a caller whose BM25 runs synchronously
   * on its thread while a large owner's dense search runs on another: an ask worker (see
   * `searchCandidates`).
   */
  lexicalAfterEmbedding?: boolean;
}

/** What retrieval found for a question. */
export interface Retrieval {
  /** Chunks of the caller's searchable documents, best first; `part` set when the question has several. */
  ranked: RankedChunk[];
  /**
   * The question's parts (see `splitQuestion`); one for a single question. A single question that
   * names several documents has one part per named document, each retrieved within its document.
   */
  parts: string[];
  /**
   * True when the question asks about a program, API, licence or version no document covers, or
   * for a kind of thing ("what fine ...") that the documents it names never mention.
   */
  unsupported: boolean;
}

/**
 * Finds the passages that answer a question in the caller's searchable documents: question
 * understanding and scope, BM25 and dense candidates fused by weighted reciprocal rank, then the
 * focus rerank and, when configured, a reranker model.
 */
export class HybridRetriever {
  readonly #deps: HybridRetrieverDeps;
  readonly #options: Required<HybridRetrieverOptions>;
  readonly #catalog: DocumentCatalog;
  readonly #reader: PassageReader;

  constructor(deps: HybridRetrieverDeps, options: HybridRetrieverOptions = {}) {
    this.#deps = deps;
    this.#catalog = new DocumentCatalog(deps);
    this.#options = {
      candidateDepth: 100,
      lexicalWeight: DEFAULT_FUSION.lexicalWeight,
      denseWeight: DEFAULT_FUSION.denseWeight,
      rrfK: DEFAULT_FUSION.k,
      rerankDepth: 30,
      focusWeight: 1,
      rerankerWeight: 2,
      passageMemoEntries: 2048,
      lexicalAfterEmbedding: false,
      ...options,
    };
    this.#reader = rememberingPassageReader(FOCUS_SENTENCE_CHARS, this.#options.passageMemoEntries);
  }

  /**
   * Reads the question against the caller's searchable documents (only `documentIds`, when given) first:
   * a question naming documents is answered from those only, each part of a multi-part question is
   * retrieved on its own (the rankings taking turns), and a question about a program, API, licence
   * or version that no document covers is `unsupported`, whatever the passages say.
   */
  async retrieve(
    ownerId: string,
    question: string,
    documentIds?: readonly string[],
    signal?: AbortSignal,
  ): Promise<Retrieval> {
    // Read once: every part filters its hits by the same searchable documents.
    const { records, entries } = await this.#catalog.searchable(ownerId, documentIds);
    const whole = targetDocuments(question, entries);
    const split = splitQuestion(question);
    // One question naming several documents asks each of them ("under GPLv2 or LGPLv3, which ...").
    const perDocument = split.length === 1 && whole.targets.length > 1;
    const parts = perDocument ? whole.targets.map(() => question) : split;
    const rankings = await Promise.all(
      parts.map(async (part, index) => {
        const named = perDocument
          ? whole.targets.slice(index, index + 1)
          : parts.length === 1
            ? whole.targets
            : targetDocuments(part, entries).targets;
        // A part that names no document is searched everywhere: another part's document may not hold its answer.
        const scope = named.length > 0 ? named : documentIds;
        const ranked = await this.#retrievePart(ownerId, part, { scope, records }, signal);
        // Tagged before the merge, which keeps each chunk at its first place: the part that brought it.
        return parts.length === 1 ? ranked : ranked.map((item) => ({ ...item, part: index }));
      }),
    );
    return {
      ranked: interleaveRankings(rankings, (item) => item.chunk.id),
      parts,
      unsupported: whole.unmatchedNames.length + whole.absentQualifiers.length + whole.absentFocus.length > 0,
    };
  }

  /**
   * Fused lexical and dense hits, as chunks of the scoped searchable documents, best first. The dense
   * ranking counts more the less of the question the best lexical hit covers (weighted by rarity).
   */
  async #retrievePart(
    ownerId: string,
    question: string,
    within: { scope: readonly string[] | undefined; records: ReadonlyMap<string, DocumentRecord> },
    signal?: AbortSignal,
  ): Promise<RankedChunk[]> {
    const { lexical, vectors, embedder, chunks, reranker } = this.#deps;
    const { candidateDepth, lexicalWeight, denseWeight, rrfK } = this.#options;
    const { scope, records } = within;
    const terms = questionTerms(question);
    const {
      lexical: lexicalHits,
      dense: denseHits,
      statistics,
    } = await searchCandidates(
      { lexical, vectors, embedder },
      { text: question, terms },
      { ownerId, limit: candidateDepth, ...(scope === undefined ? {} : { documentIds: scope }) },
      // With the dense ranker switched off, the query need not be embedded at all.
      {
        dense: denseWeight > 0,
        lexicalAfterEmbedding: this.#options.lexicalAfterEmbedding,
        ...(signal === undefined ? {} : { signal }),
      },
    );
    const candidateIds = [...new Set([...lexicalHits, ...denseHits].map((hit) => hit.chunkId))];
    const byId = new Map((await chunks.getMany(ownerId, candidateIds)).map((chunk) => [chunk.id, chunk]));
    // Scoped again here, so an index that ignored the scope still cannot widen it.
    const inScope = scope === undefined ? undefined : new Set(scope);
    const usable = (hit: { chunkId: string }) => {
      const chunk = byId.get(hit.chunkId);
      if (chunk === undefined || (inScope !== undefined && !inScope.has(chunk.documentId))) return undefined;
      const document = records.get(chunk.documentId);
      return document === undefined ? undefined : { chunk, document };
    };
    const weights = termWeights(terms, statistics);
    const topLexical = lexicalHits.map(usable).find((found) => found !== undefined);
    const confidence =
      topLexical === undefined ? 0 : textConfidence(weights, topLexical.chunk, topLexical.document, this.#reader);
    const fused = fuseRankings(
      [
        { hits: lexicalHits, weight: lexicalWeight },
        { hits: denseHits, weight: adaptiveDenseWeight(confidence, denseWeight) },
      ],
      { k: rrfK },
    );
    const ranked: RankedChunk[] = [];
    for (const hit of fused) {
      const found = usable(hit);
      if (found !== undefined) ranked.push({ ...found, score: hit.score });
    }
    const focused = focusRerank(ranked, weights, confidence, this.#options, this.#reader);
    return reranker === undefined ? focused : modelRerank(reranker, question, focused, this.#options, signal);
  }
}

/**
 * How much of the question the chunk's own words (text and heading) hold. Terms of the document's
 * file name are left out on both sides: every chunk of the document matches them, so they say
 * which document, not which passage.
 */
const textConfidence = (
  weights: ReadonlyMap<string, number>,
  chunk: Chunk,
  document: DocumentRecord,
  reader: PassageReader,
): number => {
  const nameTerms = reader.termSet(document.name.replace(/\.[^.]*$/u, ''));
  const passageWeights = new Map([...weights].filter(([term]) => !nameTerms.has(term)));
  return weightedCoverage(passageWeights, reader.termSet(`${chunk.heading ?? ''}\n${chunk.text}`));
};
