import type { LlmGenerateOptions, LlmRequest, LlmResponse } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { backoffDelay, IdleDeadline, sleep } from '@docent/retry';
import { parseChatCompletion } from './parse-chat-completion.ts';
import { type ChatAttempt, readChatStream, type StreamProgress } from './read-chat-stream.ts';
import { retryAfterDelay } from './retry-delay.ts';
import { describeError, serverMessage } from './server-message.ts';

/** How one chat model is reached; fixed at construction. */
export interface ChatEndpoint {
  /** `{baseUrl}/chat/completions`. */
  url: URL;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  fetch: typeof globalThis.fetch;
}

/**
 * Generates one reply: `POST {url}`, streamed (SSE) when `options.onText` is given. Timeouts, network errors,
 * 408, 429 and 5xx are retried up to `maxRetries` times after `retry-after` or an exponential backoff, but
 * only while no text has reached `onText`; then a retryable `llm_failed`. Any other status or a malformed
 * body is a non-retryable `llm_failed` quoting the server. A caller abort rejects with `signal.reason` at once,
 * during a request, a stream or a backoff wait.
 */
export const postChatCompletion = async (
  endpoint: ChatEndpoint,
  request: LlmRequest,
  options: LlmGenerateOptions,
): Promise<LlmResponse> => {
  options.signal?.throwIfAborted();
  const progress: StreamProgress = { delivered: false };
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(endpoint, request, options, progress);
    if (outcome.ok) return outcome.response;
    const details = { status: outcome.status, attempts: attempt + 1, model: endpoint.model };
    if (outcome.retryable && !progress.delivered && attempt < endpoint.maxRetries) {
      await sleep(outcome.retryAfterMs ?? backoffDelay(attempt, endpoint.retryBaseDelayMs), options.signal);
      continue;
    }
    const context = progress.delivered ? ' after part of the reply was streamed' : '';
    const tries = attempt > 0 ? ` (gave up after ${attempt + 1} attempts)` : '';
    throw new DocentError('llm_failed', `${outcome.message}${context}${tries}`, {
      retryable: outcome.retryable,
      details,
    });
  }
};

const attemptOnce = async (
  endpoint: ChatEndpoint,
  request: LlmRequest,
  { signal: callerSignal, onText }: LlmGenerateOptions,
  progress: StreamProgress,
): Promise<ChatAttempt> => {
  const stream = onText !== undefined;
  // Not streaming, the deadline bounds the whole attempt; streaming, it is restarted by each piece received.
  const deadline = new IdleDeadline(endpoint.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal;
  const server = `The chat server at ${endpoint.url.host}`;
  const broken =
    (failure: string, timeout: string) =>
    (error: unknown): ChatAttempt => {
      callerSignal?.throwIfAborted();
      const message = deadline.expired ? `${timeout} ${endpoint.timeoutMs} ms` : `${failure}: ${describeError(error)}`;
      return { ok: false, retryable: true, message: `${server} ${message}` };
    };
  try {
    let response: Response;
    try {
      response = await endpoint.fetch(endpoint.url, {
        method: 'POST',
        headers: requestHeaders(endpoint.apiKey, stream),
        body: JSON.stringify(requestBody(endpoint.model, request, stream)),
        signal,
      });
    } catch (error) {
      return broken('could not be reached', 'did not answer within')(error);
    }
    if (stream) deadline.restart();
    if (!response.ok) return await failedStatus(response, server, callerSignal);
    // Some servers answer a stream request with one JSON completion: accepted as a single delta.
    const json = (response.headers.get('content-type') ?? '').includes('application/json');
    if (onText && !json && response.body) {
      const reading = {
        server,
        deadline,
        onText,
        progress,
        broken: broken('broke off the stream', 'sent nothing for'),
      };
      return await readChatStream(response.body, reading);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return broken('broke off its answer', 'did not answer within')(error);
    }
    const reply = parseChatCompletion(parseJson(text));
    if (onText && reply.text !== '') {
      progress.delivered = true;
      onText(reply.text);
    }
    return { ok: true, response: reply };
  } finally {
    deadline.clear();
  }
};

const failedStatus = async (
  response: Response,
  server: string,
  callerSignal: AbortSignal | undefined,
): Promise<ChatAttempt> => {
  const { status } = response;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The status alone says what happened; a body cut off by a timeout only loses the server's wording.
    callerSignal?.throwIfAborted();
  }
  return {
    ok: false,
    retryable: status === 408 || status === 429 || status >= 500,
    message: `${server} answered HTTP ${status}: ${serverMessage(text)}`,
    status,
    retryAfterMs: retryAfterDelay(response.headers),
  };
};

const requestBody = (model: string, request: LlmRequest, stream: boolean): Record<string, unknown> => ({
  model,
  messages: [
    { role: 'system', content: request.system },
    ...request.messages.map(({ role, content }) => ({ role, content })),
  ],
  max_tokens: request.maxTokens,
  temperature: request.temperature ?? 0,
  stream,
  // Without it OpenAI-style servers send no usage at all when streaming.
  ...(stream ? { stream_options: { include_usage: true } } : {}),
});

const requestHeaders = (apiKey: string | undefined, stream: boolean): Record<string, string> => ({
  'content-type': 'application/json',
  accept: stream ? 'text/event-stream' : 'application/json',
  ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
});

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new DocentError('llm_failed', 'The chat server answered with malformed JSON.', {
      details: { body: text.slice(0, 200) },
    });
  }
};
