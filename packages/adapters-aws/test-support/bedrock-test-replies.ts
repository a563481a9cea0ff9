import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LlmUsage } from '@docent/domain';
import type { ReceivedLlmRequest } from '@docent/testing';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { field } from '../src/bedrock/bedrock-payload.ts';

/** The recorded AWS payloads, beside the repository checkout (never copied into it). */
export const AWS_FIXTURES_DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/aws');

/** The exact bytes of a recorded fixture file. */
export const readAwsFixture = (name: string): string => readFileSync(path.join(AWS_FIXTURES_DIR, name), 'utf8');

/** The four Bedrock runtime operations the adapter uses, by the last segment of their path. */
export type BedrockOperation = 'invoke' | 'invoke-with-response-stream' | 'converse' | 'converse-stream';

/** What one generated reply says; the rest of the body comes from a recorded response. */
export interface ReplyContent {
  chunks: string[];
  usage: LlmUsage;
  stopReason: 'end_turn' | 'max_tokens';
}

/** A recorded InvokeModel body with our text, stop reason and usage substituted. */
export const invokeModelBody = ({ chunks, usage, stopReason }: ReplyContent): object => {
  const recorded = JSON.parse(readAwsFixture('bedrock-invokemodel-anthropic-messages-response.json'));
  return {
    ...recorded,
    content: [{ ...recorded.content[0], text: chunks.join('') }],
    stop_reason: stopReason,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
};

/** A recorded Converse body (Claude 3 Haiku) with our text, stop reason and usage substituted. */
export const converseBody = ({ chunks, usage, stopReason }: ReplyContent): object => {
  const recorded = JSON.parse(readAwsFixture('bedrock-converse-response-claude-3-haiku.json'));
  return {
    ...recorded,
    output: { message: { ...recorded.output.message, content: [{ text: chunks.join('') }] } },
    stopReason,
    usage: converseUsage(usage),
  };
};

const converseUsage = (usage: LlmUsage) => ({
  inputTokens: usage.inputTokens,
  outputTokens: usage.outputTokens,
  totalTokens: usage.inputTokens + usage.outputTokens,
});

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One AWS event-stream frame (the binary framing with prelude and CRCs) carrying a JSON payload. */
export const eventFrame = (eventType: string, payload: object): Uint8Array =>
  frame({ ':event-type': eventType, ':message-type': 'event', ':content-type': 'application/json' }, payload);

/** A modeled exception inside a stream, e.g. `throttlingException`, as Bedrock sends it mid-response. */
export const exceptionFrame = (exceptionType: string, message: string): Uint8Array =>
  frame(
    { ':exception-type': exceptionType, ':message-type': 'exception', ':content-type': 'application/json' },
    {
      message,
    },
  );

const frame = (headers: Record<string, string>, payload: object): Uint8Array =>
  codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
    body: fromUtf8(JSON.stringify(payload)),
  });

// Bedrock pads events with a random-length `p` field so sizes do not reveal the text; parsers must ignore it.
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEF';

/** Wraps an Anthropic streaming event as an InvokeModelWithResponseStream `chunk` (base64 JSON bytes). */
const chunkFrame = (event: object): Uint8Array =>
  eventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64'), p: PADDING });

/** The Anthropic event sequence of a streamed InvokeModel reply, up to (excluding) the end when `complete` is false. */
export const invokeStreamFrames = ({ chunks, usage, stopReason }: ReplyContent, complete = true): Uint8Array[] => {
  const opening = [
    chunkFrame({
      type: 'message_start',
      message: {
        id: 'msg_bdrk_01TestStream',
        type: 'message',
        role: 'assistant',
        model: 'claude-3-haiku-20240307',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
      },
    }),
    chunkFrame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ...chunks.map((text) => chunkFrame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
  ];
  if (!complete) return opening;
  return [
    ...opening,
    chunkFrame({ type: 'content_block_stop', index: 0 }),
    chunkFrame({
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
    chunkFrame({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: usage.inputTokens,
        outputTokenCount: usage.outputTokens,
        invocationLatency: 412,
        firstByteLatency: 198,
      },
    }),
  ];
};

/** The ConverseStream event sequence of a reply, up to (excluding) the end when `complete` is false. */
export const converseStreamFrames = ({ chunks, usage, stopReason }: ReplyContent, complete = true): Uint8Array[] => {
  const opening = [
    eventFrame('messageStart', { role: 'assistant', p: PADDING }),
    ...chunks.map((text) => eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text }, p: PADDING })),
  ];
  if (!complete) return opening;
  return [
    ...opening,
    eventFrame('contentBlockStop', { contentBlockIndex: 0, p: PADDING }),
    eventFrame('messageStop', { stopReason, p: PADDING }),
    eventFrame('metadata', { usage: converseUsage(usage), metrics: { latencyMs: 412 }, p: PADDING }),
  ];
};

/** Reads an Anthropic Messages or Converse request body back into the contract's terms. */
export const receivedFromWire = (operation: BedrockOperation, body: unknown): ReceivedLlmRequest => {
  const stream = operation.endsWith('stream');
  const texts = (blocks: unknown): string =>
    list(blocks)
      .map((block) => String(field(block, 'text')))
      .join('');
  const messages = list(field(body, 'messages')).map((message) => ({
    role: field(message, 'role') as 'user' | 'assistant',
    content: texts(field(message, 'content')),
  }));
  if (operation.startsWith('converse')) {
    const config = field(body, 'inferenceConfig');
    const [maxTokens, temperature] = [field(config, 'maxTokens'), field(config, 'temperature')];
    return { system: texts(field(body, 'system')), messages, maxTokens, temperature, stream } as ReceivedLlmRequest;
  }
  const [system, maxTokens, temperature] = [
    field(body, 'system') ?? '',
    field(body, 'max_tokens'),
    field(body, 'temperature'),
  ];
  return { system, messages, maxTokens, temperature, stream } as ReceivedLlmRequest;
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
