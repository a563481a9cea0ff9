/**
 * Worker thread that owns the Universal Sentence Encoder Lite graph (TF.js WASM backend, ~300 MB),
 * so running it never blocks the main thread's event loop. It is sent token ids (the embedder
 * tokenises, to batch texts by token count) and runs them with `runUseLiteGraph`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseLiteGraph, runUseLiteGraph, type UseLiteGraph } from './use-lite-graph.ts';
import type { EmbedRequest, EmbedResponse, EmbedWorkerData } from './use-lite-protocol.ts';

const DIMENSIONS = 512;

if (parentPort === null) throw new Error('use-lite-worker.ts must run in a worker thread');
const port = parentPort;
const { nativeGate } = workerData as EmbedWorkerData;

// Loaded on the first request (an empty one when the pool preloads), so a failed load is reported
// to a caller; not kept when it fails, so the next request tries again.
let model: Promise<UseLiteGraph> | undefined;

const embed = async (tokens: Int32Array[]): Promise<Float32Array<ArrayBuffer>[]> => {
  model ??= loadUseLiteGraph({ nativeGate }).catch((error: unknown) => {
    model = undefined;
    throw error;
  });
  const graph = await model;
  // An empty request only loads the model (`EmbeddingWorkerPool.preload`).
  if (tokens.length === 0) return [];
  const flat = await runUseLiteGraph(graph, tokens);
  if (flat.length !== tokens.length * DIMENSIONS) {
    throw new Error(`Model returned ${flat.length / DIMENSIONS} vectors for ${tokens.length} texts`);
  }
  return tokens.map((_, row) => normalise(flat.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS)));
};

const normalise = (row: Float32Array): Float32Array<ArrayBuffer> => {
  let sumOfSquares = 0;
  for (const value of row) sumOfSquares += value * value;
  const norm = Math.sqrt(sumOfSquares);
  if (!Number.isFinite(norm) || norm === 0) throw new Error(`Model returned a vector of norm ${norm}`);
  const vector = new Float32Array(DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i += 1) vector[i] = (row[i] as number) / norm;
  return vector;
};

port.on('message', async ({ id, tokens }: EmbedRequest) => {
  try {
    const vectors = await embed(tokens);
    const response: EmbedResponse = { id, ok: true, vectors };
    // Transferred, not copied: each vector keeps its own buffer on the other side.
    const buffers = vectors.map((vector) => vector.buffer);
    port.postMessage(response, buffers);
  } catch (error) {
    const response: EmbedResponse = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(response);
  }
});
