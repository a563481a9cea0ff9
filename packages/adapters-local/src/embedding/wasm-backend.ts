/**
 * The few members of tfjs-core and its WASM backend that Docent's kernels use: the model package
 * bundles tfjs-core without shipping its types, and the backend's internals are not typed at all.
 */
import * as core from '@energetic-ai/core';

export interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
export interface TensorData {
  id: number;
  memoryOffset: number;
}
export interface WasmModule {
  HEAPU8: Uint8Array;
  cwrap(name: string, returnType: null, argTypes: string[]): (...args: unknown[]) => void;
  tfjs: {
    registerTensor(id: number, size: number, memoryOffset: number): void;
    disposeData(id: number): void;
  };
}
export interface WasmBackend {
  wasm: WasmModule;
  dataIdNextNumber: number;
  dataIdMap: { get(dataId: object): TensorData };
  makeOutput(shape: number[], dtype: string): TensorInfo;
  disposeData(dataId: object): void;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}
export interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  attrs: Record<string, unknown>;
  backend: WasmBackend;
}
export type KernelFunc = (args: KernelArgs) => TensorInfo | TensorInfo[];
interface KernelConfig {
  kernelName: string;
  backendName: string;
  kernelFunc: KernelFunc;
}
export const tf = core as unknown as {
  getKernel(name: string, backend: string): KernelConfig | undefined;
  registerKernel(config: KernelConfig): void;
  unregisterKernel(name: string, backend: string): void;
  slice_util: {
    parseSliceParams(x: TensorInfo, begin: unknown, size: unknown): [number[], number[]];
  };
  util: { computeStrides(shape: number[]): number[]; sizeFromShape(shape: number[]): number };
  backend_util: { prepareSplitSize(x: TensorInfo, splits: unknown, axis: number): number[] };
};

const BACKEND = 'wasm';

/** The WASM backend's kernel registered now under `kernelName`. */
export const wasmKernel = (kernelName: string): KernelFunc => {
  const kernel = tf.getKernel(kernelName, BACKEND);
  if (kernel === undefined) throw new Error(`The TF.js WASM backend has no ${kernelName} kernel`);
  return kernel.kernelFunc;
};

/** Registers `kernelFunc` for the WASM backend in place of the kernel registered now. */
export const replaceWasmKernel = (kernelName: string, kernelFunc: KernelFunc): void => {
  // Unregistered first: registering over a kernel logs a warning.
  tf.unregisterKernel(kernelName, BACKEND);
  tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
};
