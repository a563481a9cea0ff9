import type { LlmResponse, LlmUsage } from '@docent/domain';
import { DocentError } from '@docent/domain';

/** Reads `value[key]` from an untrusted JSON value; `undefined` when `value` is not an object. */
export const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Maps an Anthropic / Converse stop reason: a natural end or stop sequence is `stop`; running out of
 * `max_tokens` (or of the context window, which also cuts the reply) is `length`; anything else
 * (guardrails, content filter, tool use) is `other`.
 */
export const finishReasonOf = (stopReason: unknown): LlmResponse['finishReason'] => {
  if (stopReason === 'end_turn' || stopReason === 'stop_sequence') return 'stop';
  if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') return 'length';
  return 'other';
};

/** Usage from two counters of `source`, or `undefined` unless both are non-negative integers. */
export const usageOf = (source: unknown, inputKey: string, outputKey: string): LlmUsage | undefined => {
  const inputTokens = field(source, inputKey);
  const outputTokens = field(source, outputKey);
  return isCount(inputTokens) && isCount(outputTokens) ? { inputTokens, outputTokens } : undefined;
};

/** Whether `value` is a usable token count. */
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A response with usage only when the provider reported it (so `toEqual` comparisons stay exact). */
export const llmResponse = (
  text: string,
  finishReason: LlmResponse['finishReason'],
  usage: LlmUsage | undefined,
): LlmResponse => (usage === undefined ? { text, finishReason } : { text, finishReason, usage });

/** Parses a JSON body Bedrock sent, as a non-retryable failure when it is not JSON. */
export const parseJson = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw unexpectedResponse(`${what} is not JSON`);
  }
};

/** A response that does not have the documented shape: asking again will not fix it. */
export const unexpectedResponse = (problem: string): DocentError =>
  new DocentError('llm_failed', `Bedrock returned an unexpected response: ${problem}`);

/**
 * A stream that ended before its final event (a dropped connection): transient, so the request may be
 * sent again while no text was delivered.
 */
export const truncatedStream = (lastEvent: string): DocentError =>
  new DocentError('llm_failed', `Bedrock's response stream ended before ${lastEvent}`, { retryable: true });
