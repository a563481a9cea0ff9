import { describe, expect, it } from 'vitest';
import { ConverseStreamFold, converseInput, parseConverseOutput } from './converse-messages.ts';

describe('converseInput', () => {
  it('sends the model id, text blocks and inference config', () => {
    const input = converseInput('m', { system: 'S', messages: [{ role: 'user', content: 'Q' }], maxTokens: 9 });
    expect(input).toEqual({
      modelId: 'm',
      messages: [{ role: 'user', content: [{ text: 'Q' }] }],
      system: [{ text: 'S' }],
      inferenceConfig: { maxTokens: 9, temperature: 0 },
    });
  });
});

describe('parseConverseOutput', () => {
  it('maps guardrail and content-filter stops to other, and omits absent usage', () => {
    const output = (stopReason: 'guardrail_intervened' | 'content_filtered' | 'max_tokens') => ({
      $metadata: {},
      output: { message: { role: 'assistant' as const, content: [{ text: 'x' }] } },
      stopReason,
      usage: undefined,
      metrics: undefined,
    });
    expect(parseConverseOutput(output('guardrail_intervened'))).toEqual({ text: 'x', finishReason: 'other' });
    expect(parseConverseOutput(output('content_filtered')).finishReason).toBe('other');
    expect(parseConverseOutput(output('max_tokens')).finishReason).toBe('length');
  });
});

describe('ConverseStreamFold', () => {
  it('returns text deltas and takes the stop reason and usage from the closing events', () => {
    const fold = new ConverseStreamFold();
    const texts = [
      fold.accept({ messageStart: { role: 'assistant' } }),
      fold.accept({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } }),
      fold.accept({ contentBlockStop: { contentBlockIndex: 0 } }),
      fold.accept({ messageStop: { stopReason: 'end_turn' } }),
    ];
    expect(texts).toEqual(['', 'Hi', '', '']);
    expect(fold.stopped).toBe(true);
    expect(fold.response()).toEqual({ text: 'Hi', finishReason: 'stop' });
    fold.accept({
      metadata: { usage: { inputTokens: 4, outputTokens: 1, totalTokens: 5 }, metrics: { latencyMs: 1 } },
    });
    expect(fold.response().usage).toEqual({ inputTokens: 4, outputTokens: 1 });
  });
});
