import { DocentError } from '@docent/domain';
import { backoffDelay, sleep } from '@docent/retry';
import { parseEmbeddingsResponse } from './parse-embeddings-response.ts';
import { retryAfterDelay } from './retry-delay.ts';
import { describeError, serverMessage } from './server-message.ts';

/** How one embedder talks to its server; fixed at construction. */
export interface EmbeddingsEndpoint {
  /** `{baseUrl}/embeddings`. */
  url: URL;
  model: string;
  apiKey: string | undefined;
  dimensions: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  fetch: typeof globalThis.fetch;
}

type Attempt =
  | { ok: true; vectors: Float32Array[] }
  | { ok: false; retryable: boolean; message: string; status?: number; retryAfterMs?: number };

/**
 * Embeds one batch: `POST {url}` with `{ model, input }`, each attempt bounded by `timeoutMs`. Timeouts,
 * network errors, 408, 429 and 5xx are retried up to `maxRetries` times after `retry-after` or an exponential
 * backoff with jitter; then a retryable `embedding_failed`. Any other status, or a body that is not the
 * expected JSON, is a non-retryable `embedding_failed` carrying the server's message. A caller abort rejects
 * with `signal.reason` at once, during a request or a backoff wait.
 */
export const postEmbeddings = async (
  endpoint: EmbeddingsEndpoint,
  input: readonly string[],
  signal?: AbortSignal,
): Promise<Float32Array[]> => {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(endpoint, input, signal);
    if (outcome.ok) return outcome.vectors;
    const details = { status: outcome.status, attempts: attempt + 1, model: endpoint.model };
    if (!outcome.retryable) throw new DocentError('embedding_failed', outcome.message, { details });
    if (attempt >= endpoint.maxRetries) {
      throw new DocentError('embedding_failed', `${outcome.message} (gave up after ${attempt + 1} attempts)`, {
        retryable: true,
        details,
      });
    }
    await sleep(outcome.retryAfterMs ?? backoffDelay(attempt, endpoint.retryBaseDelayMs), signal);
  }
};

const attemptOnce = async (
  endpoint: EmbeddingsEndpoint,
  input: readonly string[],
  callerSignal: AbortSignal | undefined,
): Promise<Attempt> => {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  const server = `The embedding server at ${endpoint.url.host}`;
  let response: Response;
  let text: string;
  try {
    response = await endpoint.fetch(endpoint.url, {
      method: 'POST',
      headers: requestHeaders(endpoint.apiKey),
      body: JSON.stringify({ model: endpoint.model, input }),
      signal,
    });
    text = await response.text();
  } catch (error) {
    callerSignal?.throwIfAborted();
    if (timeout.aborted) {
      return { ok: false, retryable: true, message: `${server} did not answer within ${endpoint.timeoutMs} ms` };
    }
    return { ok: false, retryable: true, message: `${server} could not be reached: ${describeError(error)}` };
  }
  const { status } = response;
  if (!response.ok) {
    const message = `${server} answered HTTP ${status}: ${serverMessage(text)}`;
    const retryable = status === 408 || status === 429 || status >= 500;
    return { ok: false, retryable, message, status, retryAfterMs: retryAfterDelay(response.headers) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, retryable: false, status, message: `${server} answered with malformed JSON.` };
  }
  return { ok: true, vectors: parseEmbeddingsResponse(body, input.length, endpoint.dimensions) };
};

const requestHeaders = (apiKey: string | undefined): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json',
  ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
});
