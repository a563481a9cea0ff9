import { field } from '../src/bedrock/bedrock-payload.ts';
import { type BedrockOperation, readAwsFixture } from './bedrock-test-replies.ts';
import type { BedrockScriptStep } from './bedrock-test-server.ts';

/** The AWS docs' Titan v2 response schema: placeholders (`[float, float, ...]`, `int`), not JSON. */
export const TITAN_RESPONSE_SCHEMA_FILE = 'bedrock-titan-embed-text-v2-response.docs-schema.txt';

/** The emulated Titan's token count: every Han character, word, and other non-space character is one token. */
export const titanTestTokenCount = (text: string): number =>
  text.match(/\p{Script=Han}|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;

/**
 * The emulated Titan's raw vector: signed feature hashing (FNV-1a) of lower-cased character trigrams, never
 * all zeros. Texts that share spelling point the same way, so it ranks like a (very) small embedding model.
 */
export const titanTestVector = (text: string, dimensions: number): number[] => {
  const vector = new Array<number>(dimensions).fill(0);
  vector[0] = 0.01;
  const padded = `  ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let hash = 0x811c9dc5;
    for (let j = i; j < i + 3; j++) hash = Math.imul(hash ^ padded.charCodeAt(j), 0x01000193);
    const bucket = (hash >>> 0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + (hash < 0 ? -1 : 1);
  }
  return vector;
};

/**
 * A response body in the documented shape: the schema file with its placeholders filled (`embedding` and
 * `embeddingsByType.float` by `embedding`, the binary list by its signs, `inputTextTokenCount` by the count).
 * @throws when a placeholder is left, i.e. the schema file changed shape.
 */
export const titanResponseBody = (embedding: readonly number[], inputTextTokenCount: number): string => {
  const floats = JSON.stringify(embedding);
  const filled = readAwsFixture(TITAN_RESPONSE_SCHEMA_FILE)
    .replace('[float, float, ...]', () => floats)
    .replace('"inputTextTokenCount": int', () => `"inputTextTokenCount": ${inputTextTokenCount}`)
    .replace('[int,..]', () => JSON.stringify(embedding.map((value) => (value > 0 ? 1 : 0))))
    .replace('[float,...]', () => floats);
  JSON.parse(filled);
  return filled;
};

/**
 * What the test server does, unscripted, with an InvokeModel on a Titan v2 model: Titan's validation errors
 * (empty text, bad dimensions, over 50,000 characters, over 8,192 tokens in Titan's own words), or the
 * {@link titanTestVector} of the text, unit length unless `normalize` is false (then three times longer).
 * `undefined` for every other model and operation.
 */
export const titanEmbeddingStep = (
  modelId: string,
  operation: BedrockOperation,
  body: unknown,
): BedrockScriptStep | undefined => {
  if (operation !== 'invoke' || !modelId.startsWith('amazon.titan-embed-text-v2')) return undefined;
  const inputText = field(body, 'inputText');
  const dimensions = field(body, 'dimensions') ?? 1024;
  if (typeof inputText !== 'string' || inputText.length === 0) {
    return malformed('#/inputText: expected minLength: 1, actual: 0');
  }
  if (dimensions !== 256 && dimensions !== 512 && dimensions !== 1024) {
    return malformed(`#/dimensions: ${JSON.stringify(dimensions)} is not a valid enum value`);
  }
  if (inputText.length > 50_000)
    return malformed(`#/inputText: expected maxLength: 50000, actual: ${inputText.length}`);
  const tokens = titanTestTokenCount(inputText);
  if (tokens > 8_192) {
    const message = `400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count: ${tokens} `;
    return { kind: 'aws-error', status: 400, errorType: 'ValidationException', message };
  }
  const vector = titanTestVector(inputText, dimensions);
  const norm = Math.hypot(...vector);
  const scale = field(body, 'normalize') === false ? 3 : 1 / norm;
  return {
    kind: 'raw',
    status: 200,
    headers: { 'x-amzn-bedrock-input-token-count': String(tokens) },
    body: titanResponseBody(
      vector.map((value) => value * scale),
      tokens,
    ),
  };
};

const malformed = (problem: string): BedrockScriptStep => ({
  kind: 'aws-error',
  status: 400,
  errorType: 'ValidationException',
  message: `Malformed input request: ${problem}, please reformat your input and try again.`,
});
