/** One earlier exchange of a conversation. */
export interface ConversationTurn {
  /** The question, in its standalone form when it was itself a rewritten follow-up. */
  question: string;
  /** The answer given (empty when it was redacted). */
  answer: string;
}

/** Per-call options of {@link QuestionRewriter.rewrite}. */
export interface RewriteOptions {
  signal?: AbortSignal;
}

/**
 * Turns a follow-up ("How do I change it?") into a question that stands on its own, so retrieval
 * and the answerer need no conversation: `ContextQuestionRewriter` by default (no model),
 * `LlmQuestionRewriter` when a model is configured.
 */
export interface QuestionRewriter {
  /**
   * The standalone form of `question` given the earlier `turns` (oldest first); the question
   * unchanged when there are no turns or it needs no context. Errors of a model pass through.
   */
  rewrite(question: string, turns: readonly ConversationTurn[], options?: RewriteOptions): Promise<string>;
}
