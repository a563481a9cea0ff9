import type { Embedder } from '@docent/domain';
import { type BedrockClientOptions, buildBedrockClient, integerOption, invalidOption } from './bedrock-client.ts';
import { invokeTitan, TITAN_EMBED_TEXT_V2_MODEL_ID, type TitanCallSettings } from './titan-invoke.ts';
import { TITAN_DIMENSIONS, type TitanDimensions } from './titan-payload.ts';

/** Configuration of {@link TitanEmbedder}. */
export interface TitanEmbedderOptions extends BedrockClientOptions {
  /** Vector width: 256, 512 or 1024 (default 1024). Part of `modelId`, so a change forces re-embedding. */
  dimensions?: TitanDimensions;
  /** Requests in flight at once for one `embed` call (default 4); Titan v2 takes one text per request. */
  concurrency?: number;
  /** Retries per text after throttling, 5xx, model-not-ready, timeouts and network errors (default 3). */
  maxRetries?: number;
  /** First backoff wait in milliseconds, doubled per retry, with jitter (default 500). */
  retryBaseDelayMs?: number;
  /** Longest wait for one response in milliseconds (default 30 000). */
  timeoutMs?: number;
}

/**
 * An `Embedder` over Amazon Titan Text Embeddings v2 on Bedrock (InvokeModel on `amazon.titan-embed-text-v2:0`
 * with `{ inputText, dimensions, normalize: true }`). Titan embeds one text per request, so `embed` sends up to
 * `concurrency` requests at a time and returns the vectors in input order, checked for width and normalised.
 * Titan is symmetric: `purpose` changes nothing. Over-long texts are cut to Titan's limits (see `invokeTitan`).
 *
 * Failures are DocentError `embedding_failed` quoting AWS, retryable when transient (throttling after the
 * retries, 5xx, timeouts), not for validation or access errors. The first failing text stops the call: requests
 * in flight are aborted and no new ones start. An abort rejects with `signal.reason`.
 */
export class TitanEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly #concurrency: number;
  readonly #settings: TitanCallSettings;

  /** @throws DocentError `validation_failed` for dimensions Titan does not offer or a bad number. */
  constructor(options: TitanEmbedderOptions = {}) {
    const dimensions = options.dimensions ?? 1024;
    if (!TITAN_DIMENSIONS.includes(dimensions)) {
      invalidOption('dimensions', `Titan Text Embeddings v2 offers 256, 512 or 1024 dimensions, not ${dimensions}`);
    }
    this.dimensions = dimensions;
    this.modelId = `bedrock:${TITAN_EMBED_TEXT_V2_MODEL_ID}@${dimensions}`;
    this.#concurrency = integerOption('concurrency', options.concurrency ?? 4, 1);
    this.#settings = {
      client: options.client ?? buildBedrockClient(options),
      dimensions,
      maxRetries: integerOption('maxRetries', options.maxRetries ?? 3, 0),
      retryBaseDelayMs: integerOption('retryBaseDelayMs', options.retryBaseDelayMs ?? 500, 0),
      timeoutMs: integerOption('timeoutMs', options.timeoutMs ?? 30_000, 1),
    };
  }

  /** One unit vector per text, in input order; `[]` for no texts without a request. */
  async embed(
    texts: readonly string[],
    options: { purpose?: 'query' | 'passage'; signal?: AbortSignal } = {},
  ): Promise<Float32Array[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    const vectors: Float32Array[] = new Array(texts.length);
    const halt = new AbortController();
    const linked = signal ? AbortSignal.any([signal, halt.signal]) : halt.signal;
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (next < texts.length && failure === undefined) {
        const index = next++;
        try {
          vectors[index] = await invokeTitan(this.#settings, texts[index] ?? '', linked);
        } catch (error) {
          // Only the first error counts: the others are the aborts it causes.
          failure ??= { error };
          halt.abort();
        }
      }
    };
    // Settle every worker before answering, so no request of this call outlives it.
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, texts.length) }, worker));
    if (failure !== undefined) {
      signal?.throwIfAborted();
      throw failure.error;
    }
    return vectors;
  }
}
