import type { QuestionRewriter } from '../conversation/question-rewriter.ts';
import type { Ids } from '../ports/ids.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';

/** Where a question stands in its conversation. */
export interface ConversationContext {
  conversationId: string;
  /** What retrieval and the answerer read: the question itself, or the follow-up rewritten to stand alone. */
  standalone: string;
  /** True when `standalone` differs from the question as asked. */
  rewritten: boolean;
}

/**
 * Opens a new conversation, or reads the last `turns` exchanges of the given one and has the
 * rewriter turn the follow-up into a standalone question. Earlier follow-ups count in their
 * standalone form, so context carries over more than one step; redacted answers count as empty.
 */
export const resolveConversation = async (
  deps: { history: QueryHistoryRepository; ids: Ids; rewriter: QuestionRewriter },
  request: { ownerId: string; question: string; conversationId: string | undefined; turns: number },
  signal?: AbortSignal,
): Promise<ConversationContext> => {
  const { ownerId, question, conversationId, turns } = request;
  if (conversationId === undefined) {
    return { conversationId: deps.ids.newId(), standalone: question, rewritten: false };
  }
  const earlier = turns > 0 ? await deps.history.conversation(ownerId, conversationId, turns) : [];
  if (earlier.length === 0) return { conversationId, standalone: question, rewritten: false };
  const standalone = (
    await deps.rewriter.rewrite(
      question,
      earlier.map((entry) => ({ question: entry.standaloneQuestion ?? entry.question, answer: entry.answer })),
      signal === undefined ? {} : { signal },
    )
  ).trim();
  if (standalone === '' || standalone === question) return { conversationId, standalone: question, rewritten: false };
  return { conversationId, standalone, rewritten: true };
};
