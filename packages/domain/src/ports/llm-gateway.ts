/** One turn of a conversation with a language model. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What is sent to the model. */
export interface LlmRequest {
  /** Instructions that outrank anything in `messages` (documents quoted there are data, not orders). */
  system: string;
  /** Alternating turns, starting and ending with `user`. */
  messages: readonly LlmMessage[];
  /** Upper bound of generated tokens. */
  maxTokens: number;
  /** Sampling temperature (default 0, the most repeatable). */
  temperature?: number;
}

/** Tokens the model read and wrote, as the provider counted them. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A finished generation. */
export interface LlmResponse {
  /** The whole generated text (the concatenation of every `onText` delta when streaming). */
  text: string;
  /** `stop`: ended on its own or at a stop sequence; `length`: hit `maxTokens`; `other`: filtered or unknown. */
  finishReason: 'stop' | 'length' | 'other';
  /** Absent when the provider reported none. */
  usage?: LlmUsage;
}

/** Per-call options of {@link LlmGateway.generate}. */
export interface LlmGenerateOptions {
  /** Aborting cancels the request (and any backoff wait); the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** When given, the adapter streams and calls this with each piece of text as it arrives. */
  onText?: (delta: string) => void;
}

/** List price in USD per million tokens. */
export interface LlmPricing {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * A text-generating language model: Bedrock (Claude) or any OpenAI-compatible chat endpoint.
 * Prompts are the domain's (see `GenerativeAnswerer`); endpoint, model id, timeouts and retry
 * policy belong in each adapter's options bag.
 */
export interface LlmGateway {
  /** Stable identifier such as `bedrock:anthropic.claude-3-haiku-20240307-v1:0` or `openai-compatible:llama3.1`. */
  readonly id: string;
  /** The model's list price, to estimate each answer's cost; absent when unknown. */
  readonly pricing?: LlmPricing;
  /**
   * Generates a reply. Timeouts, 429 and 5xx are retried with backoff inside the adapter; what
   * still fails is DocentError `llm_failed` (retryable when transient). An abort rejects with
   * `signal.reason`.
   */
  generate(request: LlmRequest, options?: LlmGenerateOptions): Promise<LlmResponse>;
}
