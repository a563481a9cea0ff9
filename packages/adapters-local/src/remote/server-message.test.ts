import { describe, expect, it } from 'vitest';
import { describeError, errorMessageOf, serverMessage } from './server-message.ts';

describe('serverMessage', () => {
  it('finds the message of the OpenAI, Ollama and plain shapes', () => {
    expect(serverMessage('{"error":{"message":"model not found","type":"invalid_request_error"}}')).toBe(
      'model not found',
    );
    expect(serverMessage('{"error":"input too long"}')).toBe('input too long');
    expect(serverMessage('{"message":"busy"}')).toBe('busy');
  });

  it('quotes other text as it is, shortened, and says when there is none', () => {
    expect(serverMessage('  <html>Bad gateway</html>\n')).toBe('<html>Bad gateway</html>');
    expect(serverMessage('{"detail":"x"}')).toBe('{"detail":"x"}');
    expect(serverMessage('x'.repeat(500))).toBe(`${'x'.repeat(300)}…`);
    expect(serverMessage(' ')).toBe('(no message)');
  });
});

describe('errorMessageOf', () => {
  it('is undefined for a body without a message', () => {
    expect(errorMessageOf({ error: { code: 5 } })).toBeUndefined();
    expect(errorMessageOf(null)).toBeUndefined();
  });
});

describe('describeError', () => {
  it('adds the cause that fetch hides and accepts non-errors', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    expect(describeError(error)).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:9');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('text')).toBe('text');
  });
});
