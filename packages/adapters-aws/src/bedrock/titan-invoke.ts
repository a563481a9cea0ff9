import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DocentError } from '@docent/domain';
import { backoffDelay, IdleDeadline, sleep } from '@docent/retry';
import { type BedrockFailure, describeBedrockError } from './bedrock-errors.ts';
import { titanInputText, tokenOverflowKeepShare, truncateText } from './titan-input.ts';
import { parseTitanResponse, type TitanDimensions, titanRequestBody } from './titan-payload.ts';

/** Titan Text Embeddings v2's Bedrock model id. */
export const TITAN_EMBED_TEXT_V2_MODEL_ID = 'amazon.titan-embed-text-v2:0';

// Each cut after a token-limit refusal keeps what Titan's counts say fits, so one cut nearly always does;
// the rest cover texts whose tokens crowd at the end.
const MAX_TOKEN_CUTS = 3;

/** How one embedder calls Titan; fixed at construction. */
export interface TitanCallSettings {
  client: BedrockRuntimeClient;
  dimensions: TitanDimensions;
  maxRetries: number;
  retryBaseDelayMs: number;
  timeoutMs: number;
}

/**
 * Embeds one text with InvokeModel, each attempt bounded by `timeoutMs`. The text is cut to Titan's 50,000
 * characters before sending and, when Titan refuses it for its token count (8,192), cut by the ratio Titan
 * reports and sent again (not counted as a retry). Throttling, 5xx, model-not-ready, timeouts and network
 * failures are retried `maxRetries` times with backoff, then a retryable `embedding_failed`; anything else
 * (ValidationException, AccessDenied, a malformed body) is a non-retryable `embedding_failed` at once.
 * An abort of `signal` rejects with its reason, during a request or a backoff wait.
 */
export const invokeTitan = async (
  settings: TitanCallSettings,
  text: string,
  signal: AbortSignal,
): Promise<Float32Array> => {
  let inputText = titanInputText(text);
  let cuts = 0;
  let attempt = 1;
  for (;;) {
    const deadline = new IdleDeadline(settings.timeoutMs);
    try {
      return await invokeOnce(settings, inputText, AbortSignal.any([signal, deadline.signal]));
    } catch (error) {
      signal.throwIfAborted();
      const keepShare = deadline.expired ? undefined : tokenOverflowKeepShare(error);
      if (keepShare !== undefined && cuts < MAX_TOKEN_CUTS) {
        cuts++;
        inputText = truncateText(inputText, Math.max(1, Math.floor(inputText.length * keepShare)));
        continue;
      }
      const failure = deadline.expired ? timeoutFailure(settings.timeoutMs) : describeBedrockError(error);
      if (!failure.retryable || attempt > settings.maxRetries) throw embeddingFailed(failure, attempt, cuts, error);
    } finally {
      deadline.clear();
    }
    await sleep(backoffDelay(attempt - 1, settings.retryBaseDelayMs), signal);
    attempt++;
  }
};

const invokeOnce = async (
  settings: TitanCallSettings,
  inputText: string,
  signal: AbortSignal,
): Promise<Float32Array> => {
  const command = new InvokeModelCommand({
    modelId: TITAN_EMBED_TEXT_V2_MODEL_ID,
    contentType: 'application/json',
    accept: 'application/json',
    body: titanRequestBody(inputText, settings.dimensions),
  });
  const output = await settings.client.send(command, { abortSignal: signal });
  return parseTitanResponse(output.body.transformToString(), settings.dimensions);
};

const timeoutFailure = (timeoutMs: number): BedrockFailure => ({
  retryable: true,
  message: `no answer within ${timeoutMs} ms`,
  details: { timeoutMs },
});

const embeddingFailed = (failure: BedrockFailure, attempts: number, tokenCuts: number, cause: unknown): DocentError => {
  const gaveUp = failure.retryable && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  return new DocentError(
    'embedding_failed',
    `Bedrock InvokeModel on ${TITAN_EMBED_TEXT_V2_MODEL_ID} failed: ${failure.message}${gaveUp}`,
    {
      retryable: failure.retryable,
      details: { ...failure.details, modelId: TITAN_EMBED_TEXT_V2_MODEL_ID, attempts, tokenCuts },
      cause,
    },
  );
};
