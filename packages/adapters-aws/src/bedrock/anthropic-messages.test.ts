import { describe, expect, it } from 'vitest';
import { AnthropicStreamFold, anthropicMessagesBody, parseAnthropicMessagesResponse } from './anthropic-messages.ts';

describe('anthropicMessagesBody', () => {
  it('keeps a chosen temperature of 0 and wraps each turn in one text block', () => {
    const body = anthropicMessagesBody({
      system: 'S',
      messages: [{ role: 'user', content: 'Q' }],
      maxTokens: 9,
      temperature: 0,
    });
    expect(body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 9,
      system: 'S',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Q' }] }],
      temperature: 0,
    });
  });
});

describe('parseAnthropicMessagesResponse', () => {
  it('joins text blocks only, and leaves usage out when it is missing or malformed', () => {
    const body = {
      content: [
        { type: 'text', text: 'A ' },
        { type: 'tool_use', id: 't', name: 'x', input: {} },
        { type: 'text', text: 'B' },
      ],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 3, output_tokens: '4' },
    };
    expect(parseAnthropicMessagesResponse(body)).toEqual({ text: 'A B', finishReason: 'length' });
  });
});

describe('AnthropicStreamFold', () => {
  const delta = (text: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });

  it('returns each text delta, ignores other events and takes output tokens from message_delta', () => {
    const fold = new AnthropicStreamFold();
    const events = [
      { type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      delta('Hel'),
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{' } },
      delta('lo'),
      { type: 'message_delta', delta: { stop_reason: 'stop_sequence' }, usage: { output_tokens: 7 } },
    ];
    expect(events.map((event) => fold.accept(event))).toEqual(['', '', '', 'Hel', '', 'lo', '']);
    expect(fold.stopped).toBe(false);
    fold.accept({ type: 'message_stop' });
    expect(fold.stopped).toBe(true);
    expect(fold.response()).toEqual({
      text: 'Hello',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 7 },
    });
  });

  it("falls back to Bedrock's invocation metrics when the message events carry no usage", () => {
    const fold = new AnthropicStreamFold();
    fold.accept(delta('x'));
    fold.accept({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
    fold.accept({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 5, outputTokenCount: 2, invocationLatency: 9 },
    });
    expect(fold.response()).toEqual({ text: 'x', finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 2 } });
  });
});
