import type { AnswerDraft, Answerer, AnswerOptions, AnswerRequest } from '../answering/answerer.ts';
import { NOT_FOUND_TEXT } from '../answering/answerer.ts';
import { verifyCitations } from '../answering/verify-citations.ts';
import { ContextQuestionRewriter } from '../conversation/context-question-rewriter.ts';
import type { QuestionRewriter } from '../conversation/question-rewriter.ts';
import type { Answer } from '../entities/query.ts';
import type { Principal } from '../entities/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import {
  HybridRetriever,
  type HybridRetrieverDeps,
  type HybridRetrieverOptions,
} from '../retrieval/hybrid-retriever.ts';
import { resolveConversation } from './ask-question-conversation.ts';
import { toPassage, toSource } from './ask-question-evidence.ts';
import { validateQuestion } from './ask-question-input.ts';
import { placeOnPages } from './ask-question-pages.ts';
import type { AskCallOptions, AskQuestionInput, AskQuestionUseCase } from './contracts.ts';
import { requireDocuments } from './document-not-found.ts';

/** What answering a question reads and writes: the retriever's ports and these. */
export interface AskQuestionDeps extends HybridRetrieverDeps {
  answerer: Answerer;
  history: QueryHistoryRepository;
  ids: Ids;
  clock: Clock;
  /** Turns follow-ups into standalone questions (default `ContextQuestionRewriter`, no model). */
  rewriter?: QuestionRewriter;
}

/** Retrieval knobs (see `HybridRetrieverOptions`) and answering knobs. */
export interface AskQuestionOptions extends HybridRetrieverOptions {
  /** Best sources handed to the answerer as evidence (default 6). */
  evidenceCount?: number;
  /** Earlier exchanges of a conversation the rewriter reads for a follow-up (default 3). */
  conversationTurns?: number;
  /** Milliseconds from an arbitrary origin, for timings (default `performance.now`). */
  elapsed?: () => number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Answers a question from the caller's searchable documents: the `HybridRetriever`'s best chunks as
 * numbered evidence for the answerer, citations checked against that evidence and placed on their
 * pages, and the exchange recorded in history.
 */
export class AskQuestion implements AskQuestionUseCase {
  readonly #deps: AskQuestionDeps;
  readonly #retriever: HybridRetriever;
  readonly #rewriter: QuestionRewriter;
  readonly #options: Required<Pick<AskQuestionOptions, 'evidenceCount' | 'conversationTurns' | 'elapsed'>>;

  constructor(deps: AskQuestionDeps, options: AskQuestionOptions = {}) {
    const { evidenceCount = 6, conversationTurns = 3, elapsed = () => performance.now(), ...retrieval } = options;
    this.#deps = deps;
    this.#retriever = new HybridRetriever(deps, retrieval);
    this.#rewriter = deps.rewriter ?? new ContextQuestionRewriter();
    this.#options = { evidenceCount, conversationTurns, elapsed };
  }

  /**
   * Throws `validation_failed` or `document_not_found`; errors of the ports and the model pass
   * through. With `onText`, the answer's text is delivered as it is produced; an abort stops the
   * work and nothing is recorded.
   */
  async execute(principal: Principal, input: AskQuestionInput, options: AskCallOptions = {}): Promise<Answer> {
    const { evidenceCount, conversationTurns, elapsed } = this.#options;
    const { signal } = options;
    const started = elapsed();
    const { question, topK, documentIds, conversationId } = validateQuestion(input);
    const ownerId = principal.userId;
    if (documentIds !== undefined) await requireDocuments(this.#deps.documents, ownerId, documentIds);
    const conversation = await resolveConversation(
      { history: this.#deps.history, ids: this.#deps.ids, rewriter: this.#rewriter },
      { ownerId, question, conversationId, turns: conversationTurns },
      signal,
    );
    const standalone = conversation.standalone;
    const { ranked, parts, unsupported } = await this.#retriever.retrieve(ownerId, standalone, documentIds, signal);
    const retrieved = elapsed();

    const passages = ranked.slice(0, evidenceCount).map(toPassage);
    const request = { question: standalone, passages, ...(parts.length > 1 ? { parts } : {}) };
    const draft = await this.#draft(request, unsupported, options);
    const answered = elapsed();

    const citations = draft.abstained
      ? []
      : await placeOnPages(this.#deps.chunks, ownerId, verifyCitations(draft.citations, passages));
    const abstained = draft.abstained || citations.length === 0;
    const answer = abstained && !draft.abstained ? NOT_FOUND_TEXT : draft.text;
    const exchange = {
      conversationId: conversation.conversationId,
      ...(conversation.rewritten ? { standaloneQuestion: standalone } : {}),
      ...(draft.usage === undefined ? {} : { usage: draft.usage }),
    };
    signal?.throwIfAborted();
    await this.#deps.history.add({
      id: this.#deps.ids.newId(),
      ownerId,
      question,
      answer,
      abstained,
      citations,
      ...exchange,
      ...(documentIds === undefined ? {} : { documentIds }),
      askedAt: this.#deps.clock.now().toISOString(),
    });

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
  async #draft(request: AnswerRequest, unsupported: boolean, options: AnswerOptions): Promise<AnswerDraft> {
    if (request.passages.length === 0 || unsupported) {
      options.onText?.(NOT_FOUND_TEXT);
      return { text: NOT_FOUND_TEXT, abstained: true, citations: [] };
    }
    return this.#deps.answerer.answer(request, options);
  }
}
