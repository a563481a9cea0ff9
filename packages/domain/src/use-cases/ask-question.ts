import { NOT_FOUND_TEXT } from '../answering/extractive-answerer.ts';
import { verifyCitations } from '../answering/verify-citations.ts';
import { pageAt } from '../documents/page-at.ts';
import type { Chunk } from '../entities/chunk.ts';
import type { DocumentRecord } from '../entities/document.ts';
import type { Answer, Citation, HistoryEntry, Source } from '../entities/query.ts';
import type { Principal } from '../entities/user.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { Ids } from '../ports/ids.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { AnswerDraft, EvidencePassage, LlmGateway } from '../ports/llm-gateway.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import { DEFAULT_FUSION, fuseRankings } from '../retrieval/rank-fusion.ts';
import { validateQuestion } from './ask-question-input.ts';
import type { AskQuestionInput, AskQuestionUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';

/** What answering a question reads and writes. */
export interface AskQuestionDeps {
  documents: DocumentRepository;
  chunks: ChunkRepository;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  embedder: Embedder;
  answerer: LlmGateway;
  history: QueryHistoryRepository;
  ids: Ids;
  clock: Clock;
}

/** Retrieval and answering knobs. */
export interface AskQuestionOptions {
  /** Hits taken from each of the lexical and the vector search before fusion (default 50). */
  candidateDepth?: number;
  /** Best sources handed to the answerer as evidence (default 6). */
  evidenceCount?: number;
  /** Fusion weight of the BM25 ranking (default 1; see `DEFAULT_FUSION`). */
  lexicalWeight?: number;
  /** Fusion weight of the dense ranking (default 0.2). */
  denseWeight?: number;
  /** Reciprocal-rank constant of the fusion (default 3). */
  rrfK?: number;
  /** Milliseconds from an arbitrary origin, for timings (default `performance.now`). */
  elapsed?: () => number;
}

interface RankedChunk {
  chunk: Chunk;
  document: DocumentRecord;
  score: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Answers a question from the caller's ready documents: hybrid retrieval (BM25 and dense, fused
 * with weighted reciprocal rank), the best chunks as numbered evidence for the answerer, citations
 * checked against that evidence, and the exchange recorded in history.
 */
export class AskQuestion implements AskQuestionUseCase {
  readonly #deps: AskQuestionDeps;
  readonly #options: Required<AskQuestionOptions>;

  constructor(deps: AskQuestionDeps, options: AskQuestionOptions = {}) {
    this.#deps = deps;
    this.#options = {
      candidateDepth: 50,
      evidenceCount: 6,
      lexicalWeight: DEFAULT_FUSION.lexicalWeight,
      denseWeight: DEFAULT_FUSION.denseWeight,
      rrfK: DEFAULT_FUSION.k,
      elapsed: () => performance.now(),
      ...options,
    };
  }

  /** Throws `validation_failed` or `document_not_found`; errors of the ports pass through. */
  async execute(
    principal: Principal,
    input: AskQuestionInput,
    options: { signal?: AbortSignal } = {},
  ): Promise<Answer> {
    const { elapsed, evidenceCount } = this.#options;
    const started = elapsed();
    const { question, topK, documentIds } = validateQuestion(input);
    const ownerId = principal.userId;
    if (documentIds !== undefined) {
      const found = await this.#deps.documents.getMany(ownerId, documentIds);
      const missing = documentIds.find((id) => !found.some((d) => d.id === id));
      if (missing !== undefined) throw documentNotFound(missing);
    }
    const ranked = await this.#retrieve(ownerId, question, documentIds, options.signal);
    const retrieved = elapsed();

    const passages: EvidencePassage[] = ranked.slice(0, evidenceCount).map(({ chunk, document, score }, i) => ({
      index: i + 1,
      documentId: chunk.documentId,
      documentName: document.name,
      ...(chunk.page === undefined ? {} : { page: chunk.page }),
      text: chunk.text,
      charStart: chunk.charStart,
      score,
    }));
    const draft: AnswerDraft =
      passages.length === 0
        ? { text: NOT_FOUND_TEXT, abstained: true, citations: [] }
        : await this.#deps.answerer.answer({ question, passages }, options);
    const answered = elapsed();

    const citations = draft.abstained
      ? []
      : await this.#placeOnPages(ownerId, verifyCitations(draft.citations, passages));
    const abstained = draft.abstained || citations.length === 0;
    const answer = abstained && !draft.abstained ? NOT_FOUND_TEXT : draft.text;
    await this.#record({ ownerId, question, answer, abstained, citations, documentIds });

    return {
      answer,
      abstained,
      citations,
      sources: ranked.slice(0, topK).map(toSource),
      timings: {
        retrievalMs: round(retrieved - started),
        answerMs: round(answered - retrieved),
        totalMs: round(elapsed() - started),
      },
    };
  }

  /** Fused lexical and dense hits, as chunks of the caller's ready documents, best first. */
  async #retrieve(ownerId: string, question: string, documentIds: string[] | undefined, signal?: AbortSignal) {
    const { lexical, vectors, embedder, chunks, documents } = this.#deps;
    const { candidateDepth, lexicalWeight, denseWeight, rrfK } = this.#options;
    const scope = { ownerId, limit: candidateDepth, ...(documentIds === undefined ? {} : { documentIds }) };
    const [lexicalHits, denseHits] = await Promise.all([
      lexical.search({ text: question, ...scope }),
      // With the dense ranker switched off, the query need not be embedded at all.
      denseWeight <= 0
        ? []
        : embedder
            .embed([question], { purpose: 'query', ...(signal === undefined ? {} : { signal }) })
            .then(([vector]) => (vector === undefined ? [] : vectors.search({ vector, ...scope }))),
    ]);
    const fused = fuseRankings(
      [
        { hits: lexicalHits, weight: lexicalWeight },
        { hits: denseHits, weight: denseWeight },
      ],
      { k: rrfK },
    );
    const loaded = await chunks.getMany(
      ownerId,
      fused.map((hit) => hit.chunkId),
    );
    const byId = new Map(loaded.map((chunk) => [chunk.id, chunk]));
    // Scoped again here, so an index that ignored the scope still cannot widen it.
    const docIds = [...new Set(loaded.map((chunk) => chunk.documentId))].filter(
      (id) => documentIds === undefined || documentIds.includes(id),
    );
    const ready = new Map(
      (await documents.getMany(ownerId, docIds)).filter((d) => d.status === 'ready').map((d) => [d.id, d]),
    );
    const ranked: RankedChunk[] = [];
    for (const hit of fused) {
      const chunk = byId.get(hit.chunkId);
      const document = chunk === undefined ? undefined : ready.get(chunk.documentId);
      if (chunk !== undefined && document !== undefined) ranked.push({ chunk, document, score: hit.score });
    }
    return ranked;
  }

  /** A chunk knows only the page it starts on: a quote further down may sit on a later page. */
  async #placeOnPages(ownerId: string, citations: Citation[]): Promise<Citation[]> {
    const paged = [...new Set(citations.filter((c) => c.page !== undefined).map((c) => c.documentId))];
    const pagesOf = new Map(
      await Promise.all(
        paged.map(async (id) => [id, (await this.#deps.chunks.getText(ownerId, id))?.pages ?? []] as const),
      ),
    );
    return citations.map((citation) => {
      const page =
        citation.page === undefined ? undefined : pageAt(pagesOf.get(citation.documentId) ?? [], citation.charStart);
      return page === undefined ? citation : { ...citation, page };
    });
  }

  async #record(entry: Omit<HistoryEntry, 'id' | 'askedAt' | 'documentIds'> & { documentIds: string[] | undefined }) {
    const { documentIds, ...rest } = entry;
    await this.#deps.history.add({
      id: this.#deps.ids.newId(),
      ...rest,
      ...(documentIds === undefined ? {} : { documentIds }),
      askedAt: this.#deps.clock.now().toISOString(),
    });
  }
}

const toSource = ({ chunk, document, score }: RankedChunk, i: number): Source => ({
  rank: i + 1,
  documentId: chunk.documentId,
  documentName: document.name,
  chunkId: chunk.id,
  ...(chunk.page === undefined ? {} : { page: chunk.page }),
  charStart: chunk.charStart,
  charEnd: chunk.charEnd,
  score,
  text: chunk.text,
});
