import * as core from '@energetic-ai/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelValues as values } from '../../test-support/kernel-values.ts';
import { encodeOnnxModel, ONNX_FLOAT } from '../../test-support/onnx-proto.ts';
import { closeNativeGate, createNativeGate, GateClosedError } from './native-gate.ts';
import {
  freeCopy,
  loadNativeProducts,
  type Multiply,
  matMulModelBytes,
  registerNativeProducts,
} from './native-products.ts';
import { registerFasterWasmKernels } from './wasm-kernels.ts';

interface Tensor {
  dataSync(): Float32Array;
}
const tf = core as unknown as {
  ready(): Promise<void>;
  tensor(values: Float32Array, shape: number[]): Tensor;
  matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor;
  conv2d(x: Tensor, filter: Tensor, strides: number, pad: string): Tensor;
};

/** The product in float64, row by row. */
const reference = (a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array => {
  const out = new Float64Array(m * n);
  for (let r = 0; r < m; r++)
    for (let c = 0; c < n; c++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += (a[r * k + i] as number) * (b[i * n + c] as number);
      out[r * n + c] = sum;
    }
  return out;
};

/** Largest difference relative to the largest magnitude of `expected`. */
const relativeError = (got: ArrayLike<number>, expected: ArrayLike<number>): number => {
  let scale = 1e-30;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs((got[i] as number) - (expected[i] as number)));
  return worst / scale;
};

describe('native products (onnxruntime-node)', () => {
  let multiply: Multiply;
  beforeAll(() => {
    const loaded = loadNativeProducts();
    if (loaded === null) throw new Error('onnxruntime-node did not load: the embedder would fall back to WASM');
    multiply = loaded;
  });

  it('ships the one-MatMul model that encodeOnnxModel writes', () => {
    const model = encodeOnnxModel({
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [
        { name: 'x', type: ONNX_FLOAT, dims: ['m', 'k'] },
        { name: 'w', type: ONNX_FLOAT, dims: ['k', 'n'] },
      ],
      outputs: [{ name: 'y', type: ONNX_FLOAT, dims: ['m', 'n'] }],
      initializers: [],
    });
    expect([...matMulModelBytes()]).toEqual([...model]);
  });

  it.each([
    [1, 7, 5],
    [2, 3, 4],
    [17, 64, 33],
    [721, 256, 512],
  ])('multiplies %i x %i by %i columns as float64 does, to float32 rounding', (m, k, n) => {
    const a = values(m * k, m);
    const b = values(k * n, n);
    const out = new Float32Array(m * n);
    multiply(a, b, out, m, k, n);
    expect(relativeError(out, reference(a, b, m, k, n))).toBeLessThan(1e-5);
  });

  it('gives a row the same bits alone as in a larger product (one row takes no other path)', () => {
    const [m, k, n] = [9, 512, 1536];
    const a = values(m * k, 3);
    const b = values(k * n, 4);
    const all = new Float32Array(m * n);
    multiply(a, b, all, m, k, n);
    for (const row of [0, 4, 8]) {
      const alone = new Float32Array(n);
      multiply(a.subarray(row * k, (row + 1) * k), b, alone, 1, k, n);
      expect(Buffer.from(alone.buffer).equals(Buffer.from(all.buffer, row * n * 4, n * 4))).toBe(true);
    }
  });

  it('multiplies through a gate while it is open, and refuses once it is closed', () => {
    const gate = createNativeGate();
    const gated = loadNativeProducts(gate);
    if (gated === null) throw new Error('onnxruntime-node did not load through an open gate');
    const a = values(6, 2);
    const out = new Float32Array(4);
    gated(a, a.subarray(0, 6), out, 2, 3, 2);
    expect(relativeError(out, reference(a, a, 2, 3, 2))).toBeLessThan(1e-5);
    closeNativeGate(gate);
    expect(() => gated(a, a, out, 2, 3, 2)).toThrow(GateClosedError);
    // A thread whose gate is closed loads nothing native either: its owner is stopping it.
    expect(loadNativeProducts(gate)).toBeNull();
  });

  it("frees the binding's copy of a product, never the output it was given", () => {
    const given = new ArrayBuffer(16);
    const copy = new ArrayBuffer(16);
    freeCopy(copy, given);
    expect(copy.detached).toBe(true);
    freeCopy(given, given);
    expect(given.detached).toBe(false);
    // Nothing returned, or a copy already freed: nothing to do, and no error.
    expect(() => freeCopy(undefined, given)).not.toThrow();
    expect(() => freeCopy(copy, given)).not.toThrow();
  });

  it("replaces the WASM backend's plain products and 1x1 convolutions, and leaves the rest to it", async () => {
    await tf.ready();
    registerFasterWasmKernels();
    const run = () => [
      tf.matMul(tf.tensor(values(40 * 24, 1), [40, 24]), tf.tensor(values(24 * 16, 2), [24, 16]), false, false),
      tf.conv2d(
        tf.tensor(values(2 * 5 * 1 * 8, 3), [2, 5, 1, 8]),
        tf.tensor(values(8 * 6, 4), [1, 1, 8, 6]),
        1,
        'valid',
      ),
      // Not replaced: a transposed operand, and a 3x3 convolution.
      tf.matMul(tf.tensor(values(24 * 40, 5), [24, 40]), tf.tensor(values(24 * 16, 6), [24, 16]), true, false),
      tf.conv2d(
        tf.tensor(values(1 * 6 * 6 * 2, 7), [1, 6, 6, 2]),
        tf.tensor(values(3 * 3 * 2 * 4, 8), [3, 3, 2, 4]),
        1,
        'valid',
      ),
    ];
    const before = run().map((t) => t.dataSync());
    let calls = 0;
    registerNativeProducts((a, b, out, m, k, n) => {
      calls += 1;
      multiply(a, b, out, m, k, n);
    });
    const after = run().map((t) => t.dataSync());
    expect(calls).toBe(2);
    for (const [i, expected] of before.entries())
      expect(relativeError(after[i] as Float32Array, expected)).toBeLessThan(1e-5);
  });
});
