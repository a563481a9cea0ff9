import type { LlmGateway, LlmGenerateOptions, LlmPricing, LlmRequest, LlmResponse } from '@docent/domain';
import { endpointUrl, integerOption, invalidOption } from './endpoint-options.ts';
import { type ChatEndpoint, postChatCompletion } from './post-chat-completion.ts';

/** Configuration of {@link OpenAiCompatibleLlm}. */
export interface OpenAiCompatibleLlmOptions {
  /** API root that `/chat/completions` is appended to, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Model name sent with every request, e.g. `llama3.1:8b`. */
  model: string;
  /** Sent as `Authorization: Bearer`; omit for local servers that need none. */
  apiKey?: string;
  /**
   * Milliseconds to wait (default 60 000): for a whole non-streamed request; when streaming, for the response
   * headers and then for each next piece of the stream, so a long answer that keeps flowing is never cut.
   */
  timeoutMs?: number;
  /** Retries after a timeout, network error, 408, 429 or 5xx, before any text was streamed (default 2). */
  maxRetries?: number;
  /** First backoff wait in milliseconds, doubled per retry, when the server gives no `retry-after` (default 500). */
  retryBaseDelayMs?: number;
  /** The model's list price, for cost estimates; omit for local models or when unknown. */
  pricing?: LlmPricing;
  /** HTTP client (default the global `fetch`); inject one for proxies or instrumentation. */
  fetch?: typeof globalThis.fetch;
}

/**
 * An `LlmGateway` backed by any server speaking the OpenAI chat completions API (`POST /chat/completions`):
 * Ollama's `/v1`, llama.cpp server, vLLM, LM Studio, OpenAI. The system prompt goes first as a `system`
 * message; the temperature defaults to 0. With `onText` the reply is streamed over SSE (usage requested
 * through `stream_options`). Failures are DocentError `llm_failed`, retryable when transient (see
 * `postChatCompletion`); an abort rejects with `signal.reason`.
 */
export class OpenAiCompatibleLlm implements LlmGateway {
  readonly id: string;
  readonly pricing?: LlmPricing;
  readonly #endpoint: ChatEndpoint;

  /** @throws DocentError `validation_failed` for a bad URL, an empty model, a bad number or a negative price. */
  constructor(options: OpenAiCompatibleLlmOptions) {
    const model = options.model.trim();
    if (model === '') invalidOption('model', 'model must not be empty');
    this.id = `openai-compatible:${model}`;
    if (options.pricing) this.pricing = checkedPricing(options.pricing);
    this.#endpoint = {
      url: endpointUrl(options.baseUrl, 'chat/completions'),
      model,
      apiKey: options.apiKey || undefined,
      timeoutMs: integerOption('timeoutMs', options.timeoutMs ?? 60_000, 1),
      maxRetries: integerOption('maxRetries', options.maxRetries ?? 2, 0),
      retryBaseDelayMs: integerOption('retryBaseDelayMs', options.retryBaseDelayMs ?? 500, 0),
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /** Sends the request (streaming when `options.onText` is given) and returns the whole reply. */
  generate(request: LlmRequest, options: LlmGenerateOptions = {}): Promise<LlmResponse> {
    return postChatCompletion(this.#endpoint, request, options);
  }
}

const checkedPricing = (pricing: LlmPricing): LlmPricing => ({
  inputPerMillion: price('inputPerMillion', pricing.inputPerMillion),
  outputPerMillion: price('outputPerMillion', pricing.outputPerMillion),
});

const price = (name: keyof LlmPricing, value: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalidOption(`pricing.${name}`, `pricing.${name} must be a non-negative number, got ${value}`);
  }
  return value;
};
