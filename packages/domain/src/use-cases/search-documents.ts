import type { Source } from '../entities/query.ts';
import type { Principal } from '../entities/user.ts';
import {
  HybridRetriever,
  type HybridRetrieverDeps,
  type HybridRetrieverOptions,
} from '../retrieval/hybrid-retriever.ts';
import { toSource } from './ask-question-evidence.ts';
import { validateQuestion } from './ask-question-input.ts';
import type { SearchDocumentsInput, SearchDocumentsUseCase } from './contracts.ts';
import { requireDocuments } from './document-not-found.ts';

/**
 * Retrieval without the reader: the same `HybridRetriever` (and so the same ranking) as
 * `AskQuestion`, its best chunks returned as sources. Nothing is recorded: a search is not a question.
 */
export class SearchDocuments implements SearchDocumentsUseCase {
  readonly #deps: HybridRetrieverDeps;
  readonly #retriever: HybridRetriever;

  constructor(deps: HybridRetrieverDeps, options: HybridRetrieverOptions = {}) {
    this.#deps = deps;
    this.#retriever = new HybridRetriever(deps, options);
  }

  async execute(
    principal: Principal,
    input: SearchDocumentsInput,
    options: { signal?: AbortSignal } = {},
  ): Promise<Source[]> {
    const { question, topK, documentIds } = validateQuestion({
      question: input.query,
      ...(input.topK === undefined ? {} : { topK: input.topK }),
      ...(input.documentIds === undefined ? {} : { documentIds: input.documentIds }),
    });
    if (documentIds !== undefined) await requireDocuments(this.#deps.documents, principal.userId, documentIds);
    const { ranked } = await this.#retriever.retrieve(principal.userId, question, documentIds, options.signal);
    return ranked.slice(0, topK).map(toSource);
  }
}
