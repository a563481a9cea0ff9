import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { LlmRequest, LlmResponse } from '@docent/domain';
import { AnthropicStreamFold, anthropicMessagesBody, parseAnthropicMessagesResponse } from './anthropic-messages.ts';
import { parseJson, truncatedStream } from './bedrock-payload.ts';
import { ConverseStreamFold, converseInput, parseConverseOutput } from './converse-messages.ts';

/** Which Bedrock operation family carries the conversation. */
export type BedrockApi = 'invoke' | 'converse';

/** Everything one attempt needs besides the request. */
export interface BedrockAttempt {
  client: BedrockRuntimeClient;
  modelId: string;
  /** Aborts the attempt (the caller's signal or the attempt's deadline). */
  signal: AbortSignal;
  /** Called on every stream event, so a lively stream keeps its deadline away. */
  onActivity: () => void;
  /** Present when streaming: receives each non-empty text delta. */
  onText?: (delta: string) => void;
}

/** Runs one attempt over `api`, streaming when `attempt.onText` is given; SDK errors propagate as they are. */
export const callBedrock = (api: BedrockApi, attempt: BedrockAttempt, request: LlmRequest): Promise<LlmResponse> => {
  if (api === 'converse') return attempt.onText ? converseStream(attempt, request) : converse(attempt, request);
  return attempt.onText ? invokeModelStream(attempt, request) : invokeModel(attempt, request);
};

const invokeParameters = (attempt: BedrockAttempt, request: LlmRequest) => ({
  modelId: attempt.modelId,
  contentType: 'application/json',
  accept: 'application/json',
  body: JSON.stringify(anthropicMessagesBody(request)),
});

const invokeModel = async (attempt: BedrockAttempt, request: LlmRequest): Promise<LlmResponse> => {
  const command = new InvokeModelCommand(invokeParameters(attempt, request));
  const output = await attempt.client.send(command, { abortSignal: attempt.signal });
  return parseAnthropicMessagesResponse(parseJson(output.body.transformToString(), 'the InvokeModel body'));
};

const invokeModelStream = async (attempt: BedrockAttempt, request: LlmRequest): Promise<LlmResponse> => {
  const command = new InvokeModelWithResponseStreamCommand(invokeParameters(attempt, request));
  const output = await attempt.client.send(command, { abortSignal: attempt.signal });
  const fold = new AnthropicStreamFold();
  const decoder = new TextDecoder();
  for await (const event of output.body ?? []) {
    attempt.onActivity();
    const bytes = event.chunk?.bytes;
    if (bytes === undefined) continue;
    deliver(attempt, fold.accept(parseJson(decoder.decode(bytes), 'a response stream chunk')));
  }
  if (!fold.stopped) throw truncatedStream('message_stop');
  return fold.response();
};

const converse = async (attempt: BedrockAttempt, request: LlmRequest): Promise<LlmResponse> => {
  const command = new ConverseCommand(converseInput(attempt.modelId, request));
  return parseConverseOutput(await attempt.client.send(command, { abortSignal: attempt.signal }));
};

const converseStream = async (attempt: BedrockAttempt, request: LlmRequest): Promise<LlmResponse> => {
  const command = new ConverseStreamCommand(converseInput(attempt.modelId, request));
  const output = await attempt.client.send(command, { abortSignal: attempt.signal });
  const fold = new ConverseStreamFold();
  for await (const event of output.stream ?? []) {
    attempt.onActivity();
    deliver(attempt, fold.accept(event));
  }
  if (!fold.stopped) throw truncatedStream('messageStop');
  return fold.response();
};

const deliver = (attempt: BedrockAttempt, delta: string): void => {
  if (delta !== '') attempt.onText?.(delta);
};
