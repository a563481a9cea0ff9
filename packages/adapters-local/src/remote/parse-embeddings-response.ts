import { DocentError } from '@docent/domain';

const failed = (message: string): DocentError => new DocentError('embedding_failed', message);

/**
 * Validates an OpenAI-style embeddings body (`{ data: [{ index, embedding }] }`) for a batch of `count` texts
 * and returns one L2-normalised vector per text, ordered by `index` (servers may answer out of order). When
 * no item carries an `index`, the array order is taken, as a few older servers do.
 *
 * @throws DocentError `embedding_failed` (not retryable: the same request would get the same answer) when the
 *   shape is wrong, an index is missing, out of range or repeated, a vector is not `dimensions` long, holds a
 *   non-finite number or is all zeros.
 */
export const parseEmbeddingsResponse = (body: unknown, count: number, dimensions: number): Float32Array[] => {
  const data = isRecord(body) ? body.data : undefined;
  if (!Array.isArray(data)) throw failed('The embedding server answered without a `data` array.');
  if (data.length !== count) {
    throw failed(`The embedding server returned ${data.length} embeddings for ${count} texts.`);
  }
  const positional = data.every((item) => isRecord(item) && item.index === undefined);
  const vectors: Float32Array[] = new Array(count);
  for (const [position, item] of data.entries()) {
    if (!isRecord(item)) throw failed('The embedding server returned an item that is not an object.');
    const index = positional ? position : item.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw failed(`The embedding server returned an invalid index ${JSON.stringify(index)}.`);
    }
    if (vectors[index] !== undefined) throw failed(`The embedding server returned index ${index} twice.`);
    vectors[index] = toUnitVector(item.embedding, dimensions, index);
  }
  return vectors;
};

const toUnitVector = (embedding: unknown, dimensions: number, index: number): Float32Array => {
  if (!Array.isArray(embedding)) throw failed(`The embedding at index ${index} is not an array of numbers.`);
  if (embedding.length !== dimensions) {
    throw failed(
      `The embedding model returned ${embedding.length} dimensions where ${dimensions} are configured; ` +
        'set the dimensions to match the model.',
    );
  }
  let sum = 0;
  for (const value of embedding) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw failed(`The embedding at index ${index} holds a value that is not a finite number.`);
    }
    sum += value * value;
  }
  if (sum === 0) throw failed(`The embedding at index ${index} is all zeros and has no direction.`);
  const norm = Math.sqrt(sum);
  return Float32Array.from(embedding as number[], (value) => value / norm);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
