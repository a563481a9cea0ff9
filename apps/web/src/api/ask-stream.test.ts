import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, eventStream, FakeServer, json } from '../../test-support/fake-server.ts';
import { ApiError } from './api-error.ts';
import { askStream } from './ask-stream.ts';
import { ApiClient } from './http-client.ts';

const client = (onUnauthorized = vi.fn()) => new ApiClient({ getToken: () => 'token-1', onUnauthorized });

afterEach(() => vi.unstubAllGlobals());

describe('askStream', () => {
  it('posts the question asking for an event stream and returns the final answer', async () => {
    const server = new FakeServer();
    const stream = eventStream();
    server.on('POST', '/query/ask', () => stream.response);
    vi.stubGlobal('fetch', server.fetch);
    const tokens: string[] = [];
    const pending = askStream(client(), { question: 'How much leave?' }, { onToken: (text) => tokens.push(text) });
    stream.send('token', { text: 'Leave ' });
    stream.write('event: token\ndata: {"text":"is 25 days."}\n');
    stream.write('\nevent: answer\ndata: {"answer":"Leave is 25 days.","abstained":false,"citations":[]');
    stream.write(',"conversationId":"c1"}\n\n');
    const answer = await pending;
    expect(tokens).toEqual(['Leave ', 'is 25 days.']);
    expect(answer).toEqual({ answer: 'Leave is 25 days.', abstained: false, citations: [], conversationId: 'c1' });
    const [request] = server.calls('POST', '/query/ask');
    expect(request?.headers.get('accept')).toBe('text/event-stream');
    expect(request?.headers.get('authorization')).toBe('Bearer token-1');
    expect(request?.body).toEqual({ question: 'How much leave?' });
  });

  it('throws the error event of a stream that fails midway', async () => {
    const server = new FakeServer();
    const stream = eventStream();
    server.on('POST', '/query/ask', () => stream.response);
    vi.stubGlobal('fetch', server.fetch);
    const pending = askStream(client(), { question: 'q' }, { onToken: () => undefined });
    stream.send('error', { error: { code: 'llm_unavailable', message: 'The model is busy.', retryable: true } });
    const error = await pending.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'llm_unavailable', message: 'The model is busy.', retryable: true });
  });

  it('throws when the stream ends without an answer', async () => {
    const server = new FakeServer();
    const stream = eventStream();
    server.on('POST', '/query/ask', () => stream.response);
    vi.stubGlobal('fetch', server.fetch);
    const pending = askStream(client(), { question: 'q' }, { onToken: () => undefined });
    stream.send('token', { text: 'half' });
    stream.close();
    await expect(pending).rejects.toMatchObject({ code: 'stream_interrupted' });
  });

  it('throws the JSON error of a question rejected before streaming, and reports a 401', async () => {
    const server = new FakeServer();
    server.on('POST', '/query/ask', () => apiError(401, 'unauthorized', 'Sign in again.'));
    vi.stubGlobal('fetch', server.fetch);
    const onUnauthorized = vi.fn();
    await expect(
      askStream(client(onUnauthorized), { question: 'q' }, { onToken: () => undefined }),
    ).rejects.toMatchObject({ code: 'unauthorized', status: 401, requestId: 'req-test' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('accepts a plain JSON answer from a server that does not stream', async () => {
    const server = new FakeServer();
    server.on('POST', '/query/ask', () =>
      json(200, { answer: 'A', abstained: false, citations: [], conversationId: 'c' }),
    );
    vi.stubGlobal('fetch', server.fetch);
    await expect(askStream(client(), { question: 'q' }, { onToken: () => undefined })).resolves.toMatchObject({
      answer: 'A',
    });
  });
});
