import type { LlmResponse, LlmUsage } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { errorMessageOf } from './server-message.ts';

/** What one streamed `chat.completion.chunk` adds to the reply. */
export interface ChatChunk {
  /** New text; empty when the chunk carries none (role announcement, finish or usage chunk). */
  delta: string;
  /** Set by the chunk that ends the choice. */
  finishReason?: LlmResponse['finishReason'];
  /** Set by the usage chunk (`stream_options.include_usage`), which may have no choices at all. */
  usage?: LlmUsage;
  /** Set when the server reports a failure inside the stream (`{ error: { message } }`). */
  error?: string;
}

const malformed = (what: string): DocentError =>
  new DocentError('llm_failed', `The chat server answered with a malformed ${what}.`);

/**
 * Reads a non-streamed `chat.completion` body: `choices[0].message.content`, `choices[0].finish_reason` and
 * `usage` (omitted when absent). A `null` content (a refusal or a filtered reply) counts as empty text.
 *
 * @throws DocentError `llm_failed` (not retryable: the same request gets the same answer) when the shape is wrong.
 */
export const parseChatCompletion = (body: unknown): LlmResponse => {
  if (!isRecord(body)) throw malformed('completion (not an object)');
  const choice = firstChoice(body, 'completion', false);
  if (!isRecord(choice)) throw malformed('completion (no `choices[0]`)');
  const message = choice.message;
  const content = isRecord(message) ? message.content : undefined;
  if (content !== null && typeof content !== 'string') throw malformed('completion (no `message.content`)');
  const usage = parseUsage(body.usage);
  return { text: content ?? '', finishReason: toFinishReason(choice.finish_reason), ...(usage ? { usage } : {}) };
};

/**
 * Reads the JSON of one stream event: `choices[0].delta.content`, `choices[0].finish_reason`, `usage`, or an
 * `error` the server sends instead of a chunk.
 *
 * @throws DocentError `llm_failed` (not retryable) when it is not a chunk object.
 */
export const parseChatChunk = (body: unknown): ChatChunk => {
  if (!isRecord(body)) throw malformed('stream event (not an object)');
  if (body.error !== undefined && body.error !== null) {
    return { delta: '', error: errorMessageOf(body) ?? JSON.stringify(body.error) };
  }
  // The usage chunk may omit `choices` or leave it empty.
  const choice = firstChoice(body, 'stream event', true);
  const delta = isRecord(choice) && isRecord(choice.delta) ? choice.delta.content : undefined;
  if (delta !== undefined && delta !== null && typeof delta !== 'string') {
    throw malformed('stream event (`delta.content` is not text)');
  }
  const finish = isRecord(choice) ? choice.finish_reason : undefined;
  const usage = parseUsage(body.usage);
  return {
    delta: delta ?? '',
    ...(finish !== undefined && finish !== null ? { finishReason: toFinishReason(finish) } : {}),
    ...(usage ? { usage } : {}),
  };
};

/** `stop` and `length` as the domain names them; anything else (`content_filter`, `tool_calls`, none) is `other`. */
export const toFinishReason = (value: unknown): LlmResponse['finishReason'] =>
  value === 'stop' || value === 'length' ? value : 'other';

const firstChoice = (body: Record<string, unknown>, what: string, optional: boolean): unknown => {
  const { choices } = body;
  if (optional && (choices === undefined || choices === null)) return undefined;
  if (!Array.isArray(choices)) throw malformed(`${what} (no \`choices\` array)`);
  return choices[0];
};

const parseUsage = (value: unknown): LlmUsage | undefined => {
  if (!isRecord(value)) return undefined;
  const { prompt_tokens: input, completion_tokens: output } = value;
  return isCount(input) && isCount(output) ? { inputTokens: input, outputTokens: output } : undefined;
};

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
