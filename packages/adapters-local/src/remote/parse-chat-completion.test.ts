import { DocentError } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { parseChatChunk, parseChatCompletion, toFinishReason } from './parse-chat-completion.ts';

const completion = (choice: unknown, extra: Record<string, unknown> = {}): unknown => ({ choices: [choice], ...extra });

const failure = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DocentError);
    expect([(error as DocentError).code, (error as DocentError).retryable]).toEqual(['llm_failed', false]);
    return (error as DocentError).message;
  }
  throw new Error('expected a failure');
};

describe('parseChatCompletion', () => {
  it('reads the text, finish reason and usage', () => {
    const body = completion(
      { index: 0, message: { role: 'assistant', content: 'Hi.' }, finish_reason: 'stop' },
      { usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } },
    );
    expect(parseChatCompletion(body)).toEqual({
      text: 'Hi.',
      finishReason: 'stop',
      usage: { inputTokens: 7, outputTokens: 2 },
    });
  });

  it('omits missing or partial usage and reads a null content as empty', () => {
    const filtered = completion({ message: { content: null }, finish_reason: 'content_filter' });
    expect(parseChatCompletion(filtered)).toEqual({ text: '', finishReason: 'other' });
    const partial = completion({ message: { content: 'x' } }, { usage: { prompt_tokens: 3 } });
    expect(parseChatCompletion(partial)).toEqual({ text: 'x', finishReason: 'other' });
  });

  it('rejects wrong shapes with a non-retryable llm_failed', () => {
    expect(failure(() => parseChatCompletion('text'))).toContain('not an object');
    expect(failure(() => parseChatCompletion({}))).toContain('`choices`');
    expect(failure(() => parseChatCompletion({ choices: [] }))).toContain('`choices[0]`');
    expect(failure(() => parseChatCompletion(completion({ message: { content: 5 } })))).toContain('`message.content`');
    expect(failure(() => parseChatCompletion(completion({ text: 'legacy' })))).toContain('`message.content`');
  });
});

describe('parseChatChunk', () => {
  it('reads a delta, a finish chunk and a usage chunk without choices', () => {
    expect(parseChatChunk({ choices: [{ delta: { content: 'ab' }, finish_reason: null }] })).toEqual({ delta: 'ab' });
    expect(parseChatChunk({ choices: [{ delta: {}, finish_reason: 'length' }] })).toEqual({
      delta: '',
      finishReason: 'length',
    });
    const usage = { usage: { prompt_tokens: 1, completion_tokens: 2 } };
    expect(parseChatChunk({ choices: [], ...usage })).toEqual({
      delta: '',
      usage: { inputTokens: 1, outputTokens: 2 },
    });
    expect(parseChatChunk(usage)).toEqual({ delta: '', usage: { inputTokens: 1, outputTokens: 2 } });
  });

  it('reports an error event with its message', () => {
    expect(parseChatChunk({ error: { message: 'overloaded' } })).toEqual({ delta: '', error: 'overloaded' });
    expect(parseChatChunk({ error: { code: 500 } })).toEqual({ delta: '', error: '{"code":500}' });
  });

  it('rejects what is not a chunk', () => {
    expect(failure(() => parseChatChunk([1]))).toContain('not an object');
    expect(failure(() => parseChatChunk({ choices: 'x' }))).toContain('`choices`');
    expect(failure(() => parseChatChunk({ choices: [{ delta: { content: 1 } }] }))).toContain('not text');
  });
});

describe('toFinishReason', () => {
  it('keeps stop and length, and calls anything else other', () => {
    expect(['stop', 'length', 'tool_calls', 'abort', null, undefined].map(toFinishReason)).toEqual([
      'stop',
      'length',
      'other',
      'other',
      'other',
      'other',
    ]);
  });
});
