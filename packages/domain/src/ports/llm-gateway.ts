/** A numbered passage given to the answerer. `index` is what citations refer to. */
export interface EvidencePassage {
  /** 1-based. */
  index: number;
  documentId: string;
  documentName: string;
  page?: number;
  text: string;
  /** Offset of `text` in the document's normalised text. */
  charStart: number;
  /** Retrieval score after fusion; higher is better. */
  score: number;
}

/** A question with its evidence. */
export interface AnswerRequest {
  question: string;
  passages: readonly EvidencePassage[];
}

/** A span of one passage that supports the answer, as offsets into that passage's `text`. */
export interface DraftCitation {
  passageIndex: number;
  start: number;
  end: number;
}

/** What an answerer produced, before the domain checks citations against the passages. */
export interface AnswerDraft {
  text: string;
  /** True when the passages do not answer the question. */
  abstained: boolean;
  citations: DraftCitation[];
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * Writes an answer from evidence: the extractive answerer by default, an LLM when configured.
 * Provider knobs (model id, temperature, endpoint) belong in the adapter's options bag.
 */
export interface LlmGateway {
  /** Stable identifier such as `extractive` or `bedrock:anthropic.claude-3-haiku-20240307-v1:0`. */
  readonly id: string;
  /** Answers only from the passages. Throws DocentError `unavailable` (retryable) on transient failure. */
  answer(request: AnswerRequest, options?: { signal?: AbortSignal }): Promise<AnswerDraft>;
}
