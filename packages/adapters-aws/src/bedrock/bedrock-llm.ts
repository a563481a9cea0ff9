import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { LlmGateway, LlmGenerateOptions, LlmPricing, LlmRequest, LlmResponse } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { backoffDelay, IdleDeadline, sleep } from '@docent/retry';
import { type BedrockApi, type BedrockAttempt, callBedrock } from './bedrock-calls.ts';
import { type BedrockClientOptions, buildBedrockClient, integerOption, invalidOption } from './bedrock-client.ts';
import { type BedrockFailure, describeBedrockError } from './bedrock-errors.ts';

/** The model used when none is configured. */
export const DEFAULT_BEDROCK_MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

/** Claude 3 Haiku's on-demand list price (USD per million tokens). */
export const CLAUDE_3_HAIKU_PRICING: LlmPricing = { inputPerMillion: 0.25, outputPerMillion: 1.25 };

/** Configuration of {@link BedrockLlm}. */
export interface BedrockLlmOptions extends BedrockClientOptions {
  /** An Anthropic model id or inference profile id (default `anthropic.claude-3-haiku-20240307-v1:0`). */
  modelId?: string;
  /** `invoke`: InvokeModel with the Anthropic Messages body (default); `converse`: the Converse API. */
  api?: BedrockApi;
  /** Retries after throttling, 5xx, model-not-ready, timeouts and network errors (default 2). */
  maxRetries?: number;
  /** First backoff wait in milliseconds, doubled per retry, with jitter (default 500). */
  retryBaseDelayMs?: number;
  /** Longest wait for the response, and between two events of a stream, in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** List price; defaults to Claude 3 Haiku's for its model ids, otherwise unknown. */
  pricing?: LlmPricing;
}

/**
 * An `LlmGateway` for Claude on Amazon Bedrock, over InvokeModel (Anthropic Messages body) or Converse,
 * streaming with InvokeModelWithResponseStream / ConverseStream when `onText` is given.
 *
 * Retries are ours (the built client makes one attempt per call): transient failures are retried with
 * exponential backoff, but only while no text has reached `onText`, since a retry would repeat it.
 * What still fails is DocentError `llm_failed` quoting AWS's message, retryable when transient. An abort
 * rejects with `signal.reason`, during a request, a stream or a backoff wait; an error thrown by `onText`
 * is rethrown as it is.
 */
export class BedrockLlm implements LlmGateway {
  readonly id: string;
  readonly pricing?: LlmPricing;
  readonly #modelId: string;
  readonly #api: BedrockApi;
  readonly #client: BedrockRuntimeClient;
  readonly #maxRetries: number;
  readonly #retryBaseDelayMs: number;
  readonly #timeoutMs: number;

  /** @throws DocentError `validation_failed` for an empty model id, an unknown api or a bad number. */
  constructor(options: BedrockLlmOptions = {}) {
    this.#modelId = (options.modelId ?? DEFAULT_BEDROCK_MODEL_ID).trim();
    if (this.#modelId === '') invalidOption('modelId', 'modelId must not be empty');
    this.#api = options.api ?? 'invoke';
    if (this.#api !== 'invoke' && this.#api !== 'converse') invalidOption('api', 'api must be invoke or converse');
    this.#maxRetries = integerOption('maxRetries', options.maxRetries ?? 2, 0);
    this.#retryBaseDelayMs = integerOption('retryBaseDelayMs', options.retryBaseDelayMs ?? 500, 0);
    this.#timeoutMs = integerOption('timeoutMs', options.timeoutMs ?? 60_000, 1);
    this.id = `bedrock:${this.#modelId}`;
    const pricing = options.pricing ?? defaultPricing(this.#modelId);
    if (pricing !== undefined) this.pricing = pricing;
    this.#client = options.client ?? buildBedrockClient(options);
  }

  /** Sends `request`, streaming to `options.onText` when given; see the class comment for failures. */
  async generate(request: LlmRequest, options: LlmGenerateOptions = {}): Promise<LlmResponse> {
    const { signal, onText } = options;
    signal?.throwIfAborted();
    let delivered = false;
    let callerError: { error: unknown } | undefined;
    const deliver =
      onText &&
      ((delta: string): void => {
        delivered = true;
        try {
          onText(delta);
        } catch (error) {
          callerError = { error };
          throw error;
        }
      });
    for (let attempt = 1; ; attempt++) {
      const deadline = new IdleDeadline(this.#timeoutMs);
      try {
        return await this.#attempt(request, deadline, signal, deliver);
      } catch (error) {
        signal?.throwIfAborted();
        // The caller's own onText failure (e.g. a closed client socket) is theirs, not the model's.
        if (callerError !== undefined && callerError.error === error) throw error;
        const failure = deadline.expired ? this.#timeoutFailure() : describeBedrockError(error);
        if (!failure.retryable || delivered || attempt > this.#maxRetries) {
          throw this.#llmFailed(failure, attempt, error);
        }
      } finally {
        deadline.clear();
      }
      await sleep(backoffDelay(attempt - 1, this.#retryBaseDelayMs), signal);
    }
  }

  #attempt(
    request: LlmRequest,
    deadline: IdleDeadline,
    signal: AbortSignal | undefined,
    onText: ((delta: string) => void) | undefined,
  ): Promise<LlmResponse> {
    const attempt: BedrockAttempt = {
      client: this.#client,
      modelId: this.#modelId,
      signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal,
      onActivity: () => deadline.restart(),
      ...(onText ? { onText } : {}),
    };
    return callBedrock(this.#api, attempt, request);
  }

  #timeoutFailure(): BedrockFailure {
    return {
      retryable: true,
      message: `no answer within ${this.#timeoutMs} ms`,
      details: { timeoutMs: this.#timeoutMs },
    };
  }

  #llmFailed(failure: BedrockFailure, attempts: number, cause: unknown): DocentError {
    const gaveUp = failure.retryable && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return new DocentError(
      'llm_failed',
      `Bedrock ${this.#api} on ${this.#modelId} failed: ${failure.message}${gaveUp}`,
      {
        retryable: failure.retryable,
        details: { ...failure.details, modelId: this.#modelId, api: this.#api, attempts },
        cause,
      },
    );
  }
}

/** Claude 3 Haiku's price for its model and inference-profile ids (`us.anthropic.claude-3-haiku-...`). */
const defaultPricing = (modelId: string): LlmPricing | undefined =>
  modelId.includes('anthropic.claude-3-haiku-') ? CLAUDE_3_HAIKU_PRICING : undefined;
