import type { Embedder } from '@docent/domain';
import { endpointUrl, integerOption, invalidOption } from './endpoint-options.ts';
import { type EmbeddingsEndpoint, postEmbeddings } from './post-embeddings.ts';

/** Configuration of {@link OpenAiCompatibleEmbedder}. */
export interface OpenAiCompatibleEmbedderOptions {
  /** API root that `/embeddings` is appended to, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Model name sent with every request, e.g. `nomic-embed-text`. */
  model: string;
  /** Width of the model's vectors; every response is checked against it. */
  dimensions: number;
  /** Sent as `Authorization: Bearer`; omit for local servers that need none. */
  apiKey?: string;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Limit of one request attempt in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retries after a timeout, network error, 408, 429 or 5xx (default 3). */
  maxRetries?: number;
  /** First backoff wait in milliseconds, doubled per retry, when the server gives no `retry-after` (default 500). */
  retryBaseDelayMs?: number;
  /** Prepended to query texts, for asymmetric models (`query: ` for e5, `search_query: ` for nomic). */
  queryPrefix?: string;
  /** Prepended to passage texts (`passage: ` for e5, `search_document: ` for nomic). */
  passagePrefix?: string;
  /** Stored with vectors (default derived from model, dimensions and prefixes). */
  modelId?: string;
  /** HTTP client (default the global `fetch`); inject one for proxies or instrumentation. */
  fetch?: typeof globalThis.fetch;
}

/**
 * An `Embedder` backed by any server speaking the OpenAI embeddings API (`POST /embeddings` with
 * `{ model, input }`): OpenAI, Ollama's `/v1`, llama.cpp server, vLLM, LM Studio.
 *
 * Texts are sent `batchSize` at a time, one request after another (local servers are usually
 * saturated by one); the query or passage prefix is added per `purpose` (default passage). Vectors are
 * L2-normalised. Failures are DocentError `embedding_failed`, retryable when transient (see
 * `postEmbeddings`); an abort rejects with `signal.reason`.
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly #endpoint: EmbeddingsEndpoint;
  readonly #batchSize: number;
  readonly #prefixes: { query: string; passage: string };

  /** @throws DocentError `validation_failed` for a bad URL, an empty model or a non-positive number. */
  constructor(options: OpenAiCompatibleEmbedderOptions) {
    const model = options.model.trim();
    if (model === '') invalidOption('model', 'model must not be empty');
    this.dimensions = integerOption('dimensions', options.dimensions, 1);
    this.#batchSize = integerOption('batchSize', options.batchSize ?? 64, 1);
    this.#prefixes = { query: options.queryPrefix ?? '', passage: options.passagePrefix ?? '' };
    this.modelId = options.modelId ?? defaultModelId(model, this.dimensions, this.#prefixes);
    this.#endpoint = {
      url: endpointUrl(options.baseUrl, 'embeddings'),
      model,
      apiKey: options.apiKey || undefined,
      dimensions: this.dimensions,
      timeoutMs: integerOption('timeoutMs', options.timeoutMs ?? 30_000, 1),
      maxRetries: integerOption('maxRetries', options.maxRetries ?? 3, 0),
      retryBaseDelayMs: integerOption('retryBaseDelayMs', options.retryBaseDelayMs ?? 500, 0),
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /** One unit vector per text, in input order; `[]` for no texts without a request. */
  async embed(
    texts: readonly string[],
    options: { purpose?: 'query' | 'passage'; signal?: AbortSignal } = {},
  ): Promise<Float32Array[]> {
    options.signal?.throwIfAborted();
    const prefix = this.#prefixes[options.purpose ?? 'passage'];
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      const batch = texts.slice(start, start + this.#batchSize).map((text) => prefix + text);
      vectors.push(...(await postEmbeddings(this.#endpoint, batch, options.signal)));
    }
    return vectors;
  }
}

// Prefixes change every vector, so they are part of the identity that forces re-embedding.
const defaultModelId = (model: string, dimensions: number, prefixes: { query: string; passage: string }): string => {
  const prefixed = prefixes.query || prefixes.passage ? `;q=${prefixes.query};p=${prefixes.passage}` : '';
  return `openai-compatible:${model}@${dimensions}${prefixed}`;
};
