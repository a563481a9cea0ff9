import type { LlmRequest, LlmResponse } from '@docent/domain';
import { field, finishReasonOf, isCount, llmResponse, unexpectedResponse, usageOf } from './bedrock-payload.ts';

/** The `anthropic_version` Bedrock requires in every Anthropic Messages body. */
export const ANTHROPIC_BEDROCK_VERSION = 'bedrock-2023-05-31';

/** The Anthropic Messages API body that InvokeModel sends to a Claude model. */
export interface AnthropicMessagesBody {
  anthropic_version: string;
  max_tokens: number;
  /** Omitted when empty: the API takes no system prompt better than an empty one. */
  system?: string;
  messages: { role: 'user' | 'assistant'; content: { type: 'text'; text: string }[] }[];
  temperature: number;
}

/** Builds the InvokeModel body for `request` (temperature 0 unless chosen, the most repeatable). */
export const anthropicMessagesBody = (request: LlmRequest): AnthropicMessagesBody => ({
  anthropic_version: ANTHROPIC_BEDROCK_VERSION,
  max_tokens: request.maxTokens,
  ...(request.system === '' ? {} : { system: request.system }),
  messages: request.messages.map(({ role, content }) => ({ role, content: [{ type: 'text', text: content }] })),
  temperature: request.temperature ?? 0,
});

/** Reads an InvokeModel response body: text blocks joined, `stop_reason`, `usage.input_tokens/output_tokens`. */
export const parseAnthropicMessagesResponse = (body: unknown): LlmResponse => {
  const content = field(body, 'content');
  if (!Array.isArray(content)) throw unexpectedResponse('the InvokeModel body has no content array');
  return llmResponse(
    content.map(blockText).join(''),
    finishReasonOf(field(body, 'stop_reason')),
    usageOf(field(body, 'usage'), 'input_tokens', 'output_tokens'),
  );
};

const blockText = (block: unknown): string => {
  const text = field(block, 'text');
  return field(block, 'type') === 'text' && typeof text === 'string' ? text : '';
};

/**
 * Folds the Anthropic streaming events of InvokeModelWithResponseStream (`message_start`,
 * `content_block_delta`, `message_delta`, `message_stop`, ...) into a response.
 */
export class AnthropicStreamFold {
  #text = '';
  #stopReason: unknown;
  #inputTokens: unknown;
  #outputTokens: unknown;
  #metrics: unknown;
  #stopped = false;

  /** Takes one decoded event and returns the text it adds (`''` for events without text). */
  accept(event: unknown): string {
    switch (field(event, 'type')) {
      case 'message_start': {
        const usage = field(field(event, 'message'), 'usage');
        this.#inputTokens = field(usage, 'input_tokens');
        // Provisional: message_start counts the first output token only; message_delta has the total.
        this.#outputTokens = field(usage, 'output_tokens');
        return '';
      }
      case 'content_block_delta': {
        const delta = field(event, 'delta');
        const text = field(delta, 'text');
        if (field(delta, 'type') !== 'text_delta' || typeof text !== 'string') return '';
        this.#text += text;
        return text;
      }
      case 'message_delta': {
        this.#stopReason = field(field(event, 'delta'), 'stop_reason') ?? this.#stopReason;
        this.#outputTokens = field(field(event, 'usage'), 'output_tokens') ?? this.#outputTokens;
        return '';
      }
      case 'message_stop':
        this.#stopped = true;
        this.#metrics = field(event, 'amazon-bedrock-invocationMetrics');
        return '';
      default:
        return '';
    }
  }

  /** Whether `message_stop` arrived, i.e. the model finished. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The response so far: message usage, else Bedrock's invocation metrics, else none. */
  response(): LlmResponse {
    const usage =
      isCount(this.#inputTokens) && isCount(this.#outputTokens)
        ? { inputTokens: this.#inputTokens, outputTokens: this.#outputTokens }
        : usageOf(this.#metrics, 'inputTokenCount', 'outputTokenCount');
    return llmResponse(this.#text, finishReasonOf(this.#stopReason), usage);
  }
}
