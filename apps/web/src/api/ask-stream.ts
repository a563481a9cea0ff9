import { ApiError, errorFromBody, parseJson } from './api-error.ts';
import type { ApiClient } from './http-client.ts';
import { readSseEvents } from './sse-parser.ts';
import type { Answer, AskRequest } from './types.ts';

/** Callbacks and cancellation of one streamed question. */
export interface AskStreamOptions {
  /** Receives each piece of answer text as it is produced. */
  onToken: (text: string) => void;
  signal?: AbortSignal;
}

const dataOf = (data: string): unknown => {
  const parsed = parseJson(data);
  if (parsed === undefined) throw new ApiError('bad_stream', 'The server sent an unreadable answer.');
  return parsed;
};

/**
 * Asks a question over `POST /query/ask` with `Accept: text/event-stream` and resolves with the
 * final answer. Errors found before streaming arrive as ordinary JSON errors (thrown by `send`);
 * an `error` event midway is thrown as an `ApiError` too.
 */
export const askStream = async (api: ApiClient, request: AskRequest, options: AskStreamOptions): Promise<Answer> => {
  const response = await api.send('/query/ask', {
    method: 'POST',
    json: request,
    headers: { accept: 'text/event-stream' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const contentType = response.headers.get('content-type') ?? '';
  // A server (or proxy) that ignores the Accept header still answers with the whole JSON body.
  if (!contentType.includes('text/event-stream') || response.body === null) {
    return parseJson(await response.text()) as Answer;
  }
  for await (const { event, data } of readSseEvents(response.body)) {
    if (event === 'token') options.onToken(String((dataOf(data) as { text?: unknown }).text ?? ''));
    else if (event === 'answer') return dataOf(data) as Answer;
    else if (event === 'error') throw errorFromBody(undefined, dataOf(data));
  }
  throw new ApiError('stream_interrupted', 'The answer stopped before it was complete. Please ask again.', {
    retryable: true,
  });
};
