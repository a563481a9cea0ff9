import { DocentError } from '@docent/domain';
import { field } from './bedrock-payload.ts';

/** The vector widths Titan Text Embeddings v2 offers. */
export type TitanDimensions = 256 | 512 | 1024;

/** Every accepted {@link TitanDimensions} value, for checks of untyped configuration. */
export const TITAN_DIMENSIONS: readonly TitanDimensions[] = [256, 512, 1024];

/** The InvokeModel body for one text: Titan v2 embeds a single `inputText` per request. */
export const titanRequestBody = (inputText: string, dimensions: TitanDimensions): string =>
  JSON.stringify({ inputText, dimensions, normalize: true });

/**
 * Reads a Titan v2 InvokeModel response (`{ embedding, inputTextTokenCount, embeddingsByType }`) into a unit
 * vector. `embedding` is used, or `embeddingsByType.float` when it is absent; the vector is normalised again,
 * as float rounding (and a caller-supplied client talking to a proxy) may leave it slightly off unit length.
 *
 * @throws DocentError `embedding_failed`, not retryable (the same request would get the same answer), when the
 *   body is not JSON, has no float array, is not `dimensions` long, holds a non-finite value or is all zeros.
 */
export const parseTitanResponse = (text: string, dimensions: number): Float32Array => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unexpectedTitanResponse('the body is not JSON');
  }
  const embedding = field(body, 'embedding') ?? field(field(body, 'embeddingsByType'), 'float');
  if (!Array.isArray(embedding)) throw unexpectedTitanResponse('it has no `embedding` array');
  if (embedding.length !== dimensions) {
    throw unexpectedTitanResponse(
      `the embedding has ${embedding.length} dimensions where ${dimensions} were asked for`,
    );
  }
  let sum = 0;
  for (const value of embedding) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw unexpectedTitanResponse('the embedding holds a value that is not a finite number');
    }
    sum += value * value;
  }
  if (sum === 0) throw unexpectedTitanResponse('the embedding is all zeros and has no direction');
  const norm = Math.sqrt(sum);
  return Float32Array.from(embedding as number[], (value) => value / norm);
};

const unexpectedTitanResponse = (problem: string): DocentError =>
  new DocentError('embedding_failed', `Bedrock returned an unexpected Titan embedding response: ${problem}`);
