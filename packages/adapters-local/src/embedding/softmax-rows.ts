import { instantiateKernel, WASM_PAGE, type WasmMemory } from '../wasm/wasm-kernel.ts';
import { SOFTMAX_ROWS_WASM } from './softmax-rows-module.ts';

interface Kernel {
  memory: WasmMemory;
  softmax(at: number, rows: number, width: number): void;
}

let kernel: Kernel | undefined;

/**
 * `out` = the softmax of each row of `width` floats in `logits`, in float32 (softmax-rows.wat:
 * SIMD exponentials within 2 ulp, each row summed in index order, so that a row's values do not
 * depend on its position in a SIMD block nor on masked padding after it). `out` may be `logits`.
 * The rows are copied into the kernel's memory, one instance per thread, grown as needed.
 */
export const softmaxRows = (logits: Float32Array, width: number, out: Float32Array): void => {
  if (width <= 0 || logits.length % width !== 0 || out.length !== logits.length)
    throw new Error(`Softmax rows of ${width} cannot cover ${logits.length} values into ${out.length}`);
  kernel ??= instantiateKernel<Kernel>(SOFTMAX_ROWS_WASM);
  const bytes = logits.length * Float32Array.BYTES_PER_ELEMENT;
  const missing = bytes - kernel.memory.buffer.byteLength;
  if (missing > 0) kernel.memory.grow(Math.ceil(missing / WASM_PAGE));
  const memory = new Float32Array(kernel.memory.buffer, 0, logits.length);
  memory.set(logits);
  kernel.softmax(0, logits.length / width, width);
  out.set(memory);
};
