import type {
  ConverseCommandInput,
  ConverseCommandOutput,
  ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { LlmRequest, LlmResponse } from '@docent/domain';
import { finishReasonOf, llmResponse, unexpectedResponse, usageOf } from './bedrock-payload.ts';

/** Builds the Converse (and ConverseStream) input for `request` (temperature 0 unless chosen). */
export const converseInput = (modelId: string, request: LlmRequest): ConverseCommandInput => ({
  modelId,
  messages: request.messages.map(({ role, content }) => ({ role, content: [{ text: content }] })),
  // Converse rejects an empty text block, so an empty system prompt is left out.
  ...(request.system === '' ? {} : { system: [{ text: request.system }] }),
  inferenceConfig: { maxTokens: request.maxTokens, temperature: request.temperature ?? 0 },
});

/**
 * Reads a Converse output: `output.message.content[].text` joined, `stopReason`,
 * `usage.inputTokens/outputTokens` (other usage counters, such as cache tokens, are not ours).
 */
export const parseConverseOutput = (output: ConverseCommandOutput): LlmResponse => {
  const content = output.output?.message?.content;
  if (!Array.isArray(content)) throw unexpectedResponse('the Converse output has no message content');
  return llmResponse(
    content.map((block) => block.text ?? '').join(''),
    finishReasonOf(output.stopReason),
    usageOf(output.usage, 'inputTokens', 'outputTokens'),
  );
};

/** Folds ConverseStream events (`contentBlockDelta`, `messageStop`, `metadata`) into a response. */
export class ConverseStreamFold {
  #text = '';
  #stopReason: unknown;
  #usage: LlmResponse['usage'];
  #stopped = false;

  /** Takes one event and returns the text it adds (`''` for events without text). */
  accept(event: ConverseStreamOutput): string {
    if (event.contentBlockDelta !== undefined) {
      const text = event.contentBlockDelta.delta?.text ?? '';
      this.#text += text;
      return text;
    }
    if (event.messageStop !== undefined) {
      this.#stopped = true;
      this.#stopReason = event.messageStop.stopReason;
    }
    if (event.metadata !== undefined) this.#usage = usageOf(event.metadata.usage, 'inputTokens', 'outputTokens');
    return '';
  }

  /** Whether `messageStop` arrived, i.e. the model finished. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The response so far, with the usage of the `metadata` event when it came. */
  response(): LlmResponse {
    return llmResponse(this.#text, finishReasonOf(this.#stopReason), this.#usage);
  }
}
