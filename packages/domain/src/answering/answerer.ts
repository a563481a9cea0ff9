/** The fixed text of an abstention, so clients and evaluations can recognise it. */
export const NOT_FOUND_TEXT = 'Not found in your documents.';

/** A numbered passage given to the answerer. `index` is what citations refer to. */
export interface EvidencePassage {
  /** 1-based. */
  index: number;
  documentId: string;
  documentName: string;
  page?: number;
  /** The section heading the passage sits under, when the document has headings. */
  heading?: string;
  text: string;
  /** Offset of `text` in the document's normalised text. */
  charStart: number;
  /** Retrieval score after fusion; higher is better. */
  score: number;
  /** For a multi-part question: the part (index into `AnswerRequest.parts`) whose ranking brought it. */
  part?: number;
}

/** A question with its evidence. */
export interface AnswerRequest {
  question: string;
  passages: readonly EvidencePassage[];
  /** The question's parts when it asks several things at once (see `splitQuestion`); absent for one. */
  parts?: readonly string[];
}

/** A span of one passage that supports the answer, as offsets into that passage's `text`. */
export interface DraftCitation {
  passageIndex: number;
  /** The `[n]` marker of the answer's text this span supports, when the answer has markers. */
  marker?: number;
  start: number;
  end: number;
}

/** Tokens a model read and wrote for one answer, and what that cost at list price. */
export interface AnswerUsage {
  /** The model's identifier, e.g. `bedrock:anthropic.claude-3-haiku-20240307-v1:0`. */
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Estimated from the model's list price; absent when the price is unknown. */
  costUsd?: number;
}

/** What an answerer produced, before the domain checks citations against the passages. */
export interface AnswerDraft {
  text: string;
  /** True when the passages do not answer the question. */
  abstained: boolean;
  citations: DraftCitation[];
  /** Sentences of a generated answer that no given passage supports (flagged, kept in the text). */
  unsupported?: string[];
  usage?: AnswerUsage;
}

/** Per-call options of {@link Answerer.answer}. */
export interface AnswerOptions {
  signal?: AbortSignal;
  /** Receives the answer's text piece by piece as it is produced (once, whole, for a non-streaming answerer). */
  onText?: (delta: string) => void;
}

/**
 * Writes an answer from evidence: `ExtractiveAnswerer` by default, `GenerativeAnswerer` over an
 * `LlmGateway` when a model is configured.
 */
export interface Answerer {
  /** Stable identifier such as `extractive` or the model's id. */
  readonly id: string;
  /** Answers only from the passages. Errors of the model pass through as DocentError. */
  answer(request: AnswerRequest, options?: AnswerOptions): Promise<AnswerDraft>;
}
