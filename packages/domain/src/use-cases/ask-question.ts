import type { AnswerDraft, Answerer, EvidencePassage } from '../answering/answerer.ts';
import { NOT_FOUND_TEXT } from '../answering/answerer.ts';
import { verifyCitations } from '../answering/verify-citations.ts';
import { ContextQuestionRewriter } from '../conversation/context-question-rewriter.ts';
import type { QuestionRewriter } from '../conversation/question-rewriter.ts';
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
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { Reranker } from '../ports/reranker.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import { splitQuestion } from '../query/split-question.ts';
import { targetDocuments } from '../query/target-documents.ts';
import { blendRerankScores } from '../retrieval/blend-rerank-scores.ts';
import { interleaveRankings } from '../retrieval/interleave-rankings.ts';
import { passageFocus } from '../retrieval/passage-focus.ts';
import { adaptiveDenseWeight, DEFAULT_FUSION, fuseRankings } from '../retrieval/rank-fusion.ts';
import { questionTerms, termWeights, weightedCoverage } from '../retrieval/term-rarity.ts';
import { analyzeText } from '../text/analyze-text.ts';
import { DocumentCatalog } from './ask-question-catalog.ts';
import { resolveConversation } from './ask-question-conversation.ts';
import { validateQuestion } from './ask-question-input.ts';
import type { AskCallOptions, AskQuestionInput, AskQuestionUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';

/** What answering a question reads and writes. */
export interface AskQuestionDeps {
  documents: DocumentRepository;
  chunks: ChunkRepository;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  embedder: Embedder;
  answerer: Answerer;
  history: QueryHistoryRepository;
  ids: Ids;
  clock: Clock;
  /** Optional second-stage model (a cross-encoder) that rescores the top `rerankDepth` candidates. */
  reranker?: Reranker;
  /** Turns follow-ups into standalone questions (default `ContextQuestionRewriter`, no model). */
  rewriter?: QuestionRewriter;
}

/** Retrieval and answering knobs. */
export interface AskQuestionOptions {
  /** Hits taken from each of the lexical and the vector search before fusion (default 100). */
  candidateDepth?: number;
  /** Best sources handed to the answerer as evidence (default 6). */
  evidenceCount?: number;
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
  /** Earlier exchanges of a conversation the rewriter reads for a follow-up (default 3). */
  conversationTurns?: number;
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
  readonly #catalog: DocumentCatalog;
  readonly #rewriter: QuestionRewriter;

  constructor(deps: AskQuestionDeps, options: AskQuestionOptions = {}) {
    this.#deps = deps;
    this.#rewriter = deps.rewriter ?? new ContextQuestionRewriter();
    this.#catalog = new DocumentCatalog(deps);
    this.#options = {
      candidateDepth: 100,
      evidenceCount: 6,
      lexicalWeight: DEFAULT_FUSION.lexicalWeight,
      denseWeight: DEFAULT_FUSION.denseWeight,
      rrfK: DEFAULT_FUSION.k,
      rerankDepth: 30,
      focusWeight: 1,
      rerankerWeight: 2,
      conversationTurns: 3,
      elapsed: () => performance.now(),
      ...options,
    };
  }

  /**
   * Throws `validation_failed` or `document_not_found`; errors of the ports and the model pass
   * through. With `onText`, the answer's text is delivered as it is produced; an abort stops the
   * work and nothing is recorded.
   */
  async execute(principal: Principal, input: AskQuestionInput, options: AskCallOptions = {}): Promise<Answer> {
    const { elapsed, evidenceCount, conversationTurns } = this.#options;
    const { signal, onText } = options;
    const started = elapsed();
    const { question, topK, documentIds, conversationId } = validateQuestion(input);
    const ownerId = principal.userId;
    if (documentIds !== undefined) {
      const found = await this.#deps.documents.getMany(ownerId, documentIds);
      const missing = documentIds.find((id) => !found.some((d) => d.id === id));
      if (missing !== undefined) throw documentNotFound(missing);
    }
    const conversation = await resolveConversation(
      { history: this.#deps.history, ids: this.#deps.ids, rewriter: this.#rewriter },
      { ownerId, question, conversationId, turns: conversationTurns },
      signal,
    );
    const standalone = conversation.standalone;
    const { ranked, unsupported } = await this.#understandAndRetrieve(ownerId, standalone, documentIds, signal);
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
    const draft = await this.#draft(standalone, passages, unsupported, { signal, onText });
    const answered = elapsed();

    const citations = draft.abstained
      ? []
      : await this.#placeOnPages(ownerId, verifyCitations(draft.citations, passages));
    const abstained = draft.abstained || citations.length === 0;
    const answer = abstained && !draft.abstained ? NOT_FOUND_TEXT : draft.text;
    const exchange = {
      conversationId: conversation.conversationId,
      ...(conversation.rewritten ? { standaloneQuestion: standalone } : {}),
      ...(draft.usage === undefined ? {} : { usage: draft.usage }),
    };
    signal?.throwIfAborted();
    await this.#record({ ownerId, question, answer, abstained, citations, documentIds, ...exchange });

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
      ...exchange,
      ...(!abstained && draft.unsupported?.length ? { unsupported: draft.unsupported } : {}),
    };
  }

  /** The answerer's draft, or an abstention without asking it when there is no usable evidence. */
  async #draft(
    question: string,
    passages: EvidencePassage[],
    unsupported: boolean,
    options: AskCallOptions,
  ): Promise<AnswerDraft> {
    if (passages.length === 0 || unsupported) {
      options.onText?.(NOT_FOUND_TEXT);
      return { text: NOT_FOUND_TEXT, abstained: true, citations: [] };
    }
    const { signal, onText } = options;
    return this.#deps.answerer.answer(
      { question, passages },
      { ...(signal === undefined ? {} : { signal }), ...(onText === undefined ? {} : { onText }) },
    );
  }

  /**
   * Reads the question against the caller's documents first: a question naming documents is
   * answered from those only, each part of a multi-part question is retrieved on its own (the
   * rankings taking turns), and a question about a program, API, licence or version that no
   * document covers is `unsupported`, whatever the passages say.
   */
  async #understandAndRetrieve(
    ownerId: string,
    question: string,
    documentIds: string[] | undefined,
    signal?: AbortSignal,
  ): Promise<{ ranked: RankedChunk[]; unsupported: boolean }> {
    const catalog = await this.#catalog.entries(ownerId, documentIds);
    const whole = targetDocuments(question, catalog);
    const parts = splitQuestion(question);
    const rankings = await Promise.all(
      parts.map((part) => {
        const named = parts.length === 1 ? whole.targets : targetDocuments(part, catalog).targets;
        const scope = named.length > 0 ? named : whole.targets.length > 0 ? whole.targets : documentIds;
        return this.#retrieve(ownerId, part, scope, signal);
      }),
    );
    return {
      ranked: interleaveRankings(rankings, (item) => item.chunk.id),
      unsupported: whole.unmatchedNames.length > 0 || whole.absentQualifiers.length > 0,
    };
  }

  /**
   * Fused lexical and dense hits, as chunks of the caller's ready documents, best first. The dense
   * ranking counts more the less of the question the best lexical hit covers (weighted by rarity).
   */
  async #retrieve(ownerId: string, question: string, documentIds: string[] | undefined, signal?: AbortSignal) {
    const { lexical, vectors, embedder, chunks, documents } = this.#deps;
    const { candidateDepth, lexicalWeight, denseWeight, rrfK } = this.#options;
    const scope = { ownerId, limit: candidateDepth, ...(documentIds === undefined ? {} : { documentIds }) };
    const terms = questionTerms(question);
    const [lexicalHits, denseHits, statistics] = await Promise.all([
      lexical.search({ text: question, ...scope }),
      // With the dense ranker switched off, the query need not be embedded at all.
      denseWeight <= 0
        ? []
        : embedder
            .embed([question], { purpose: 'query', ...(signal === undefined ? {} : { signal }) })
            .then(([vector]) => (vector === undefined ? [] : vectors.search({ vector, ...scope }))),
      lexical.termStatistics(ownerId, terms),
    ]);
    const candidateIds = [...new Set([...lexicalHits, ...denseHits].map((hit) => hit.chunkId))];
    const loaded = await chunks.getMany(ownerId, candidateIds);
    const byId = new Map(loaded.map((chunk) => [chunk.id, chunk]));
    // Scoped again here, so an index that ignored the scope still cannot widen it.
    const docIds = [...new Set(loaded.map((chunk) => chunk.documentId))].filter(
      (id) => documentIds === undefined || documentIds.includes(id),
    );
    const ready = new Map(
      (await documents.getMany(ownerId, docIds)).filter((d) => d.status === 'ready').map((d) => [d.id, d]),
    );
    const usable = (hit: { chunkId: string }) => {
      const chunk = byId.get(hit.chunkId);
      const document = chunk === undefined ? undefined : ready.get(chunk.documentId);
      return chunk === undefined || document === undefined ? undefined : { chunk, document };
    };
    const weights = termWeights(terms, statistics);
    const topLexical = lexicalHits.map(usable).find((found) => found !== undefined);
    const confidence = topLexical === undefined ? 0 : textConfidence(weights, topLexical.chunk, topLexical.document);
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
    const reranked = this.#rerank(ranked, weights, confidence);
    return this.#deps.reranker === undefined ? reranked : this.#modelRerank(question, reranked, signal);
  }

  /**
   * With a reranker configured, the head of the focus-reranked candidates is rescored by it: its
   * score (scaled to 0..1 over the head, times `rerankerWeight`) is added to the first-stage score,
   * so the model decides among close candidates without discarding lexical evidence.
   */
  async #modelRerank(question: string, ranked: RankedChunk[], signal?: AbortSignal): Promise<RankedChunk[]> {
    const { rerankDepth, rerankerWeight } = this.#options;
    const head = ranked.slice(0, rerankDepth);
    if (head.length < 2 || rerankerWeight <= 0 || this.#deps.reranker === undefined) return ranked;
    // The heading frames the chunk for the model, as it does for passage focus.
    const texts = head.map(({ chunk }) => (chunk.heading ? `${chunk.heading}\n${chunk.text}` : chunk.text));
    const modelScores = await this.#deps.reranker.rerank(question, texts, signal === undefined ? {} : { signal });
    const blended = blendRerankScores(
      head.map((item) => item.score),
      modelScores,
      rerankerWeight,
    ).map((score, i) => ({ ...(head[i] as RankedChunk), score }));
    blended.sort((a, b) => b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0));
    const floor = Math.min(...blended.map((item) => item.score));
    return [...blended, ...ranked.slice(rerankDepth).map((item) => ({ ...item, score: Math.min(item.score, floor) }))];
  }

  /**
   * Second stage: the best fused candidates are rescored by their fused score (scaled so the top is
   * 1) plus `focusWeight` times the lexical confidence times their passage focus (see
   * `passageFocus`), which reads question and passage together.
   */
  #rerank(ranked: RankedChunk[], weights: ReadonlyMap<string, number>, confidence: number): RankedChunk[] {
    const { rerankDepth } = this.#options;
    // Focus reads the question's words; when the library barely shares them (paraphrases), it
    // would only push the dense finds back down, so it counts in proportion to lexical confidence.
    const focusWeight = this.#options.focusWeight * confidence;
    const top = ranked[0]?.score ?? 0;
    if (focusWeight <= 0 || top <= 0) return ranked;
    const head = ranked.slice(0, rerankDepth).map((item) => {
      // The file name and the section heading frame every sentence of the chunk.
      const always = new Set(
        analyzeText(`${item.document.name.replace(/\.[^.]*$/u, '')}\n${item.chunk.heading ?? ''}`),
      );
      const focus = passageFocus(item.chunk.text, weights, {
        span: 2,
        maxSentenceChars: 400,
        always,
      });
      return { ...item, score: item.score / top + focusWeight * focus };
    });
    head.sort((a, b) => b.score - a.score || (a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0));
    // Candidates below the reranked head keep their order and score no higher than any of it.
    const floor = Math.min(0, ...head.map((item) => item.score));
    return [
      ...head,
      ...ranked.slice(rerankDepth).map((item) => ({ ...item, score: Math.min(item.score / top, floor) })),
    ];
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

/**
 * How much of the question the chunk's own words (text and heading) hold. Terms of the document's
 * file name are left out on both sides: every chunk of the document matches them, so they say
 * which document, not which passage.
 */
const textConfidence = (weights: ReadonlyMap<string, number>, chunk: Chunk, document: DocumentRecord): number => {
  const nameTerms = new Set(analyzeText(document.name.replace(/\.[^.]*$/u, '')));
  const passageWeights = new Map([...weights].filter(([term]) => !nameTerms.has(term)));
  return weightedCoverage(passageWeights, new Set(analyzeText(`${chunk.heading ?? ''}\n${chunk.text}`)));
};
